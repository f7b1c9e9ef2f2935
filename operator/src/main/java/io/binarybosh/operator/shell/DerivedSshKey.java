package io.binarybosh.operator.shell;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ed25519 key pair derived from a secret the operator already holds (a Kubernetes Secret) and a purpose
 * (an operation id and a role): the same inputs always give the same key. That is how an operator restarted in
 * the middle of a migration logs in again with the key it authorized before dying, without ever storing a
 * private key: the key exists only in memory and, for the copy, in a file on the VM that uses it, which the
 * migration removes.
 */
public final class DerivedSshKey {

    private static final String TYPE = "ssh-ed25519";
    /** The fixed prefix of an X.509 SubjectPublicKeyInfo of an ed25519 key; the raw key follows. */
    private static final int X509_PREFIX = 12;

    private final byte[] seed;
    private final byte[] publicKey;
    private final String comment;

    private DerivedSshKey(byte[] seed, byte[] publicKey, String comment) {
        this.seed = seed;
        this.publicKey = publicKey;
        this.comment = comment;
    }

    /** The key for {@code purpose}, derived with HMAC-SHA256 keyed by {@code secret}. */
    public static DerivedSshKey derive(String secret, String purpose, String comment) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] seed = mac.doFinal(("binarybosh.io/ssh-key/" + purpose).getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            return new DerivedSshKey(seed, Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length), comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ed25519 is not available in this JVM", e);
        }
    }

    /** The authorized_keys / ssh API form: {@code ssh-ed25519 AAAA... comment}. */
    public String publicKeyLine() {
        return TYPE + " " + Base64.getEncoder().encodeToString(publicBlob()) + " " + comment;
    }

    /** The private key as OpenSSH writes it (unencrypted), which JSch and ssh both read. */
    public String privateKeyPem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, "none".getBytes(StandardCharsets.US_ASCII));
            string(out, new byte[0]);
            out.writeInt(1);
            string(out, publicBlob());
            string(out, privateSection());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base64 = Base64.getEncoder().encodeToString(bytes.toByteArray());
        StringBuilder pem = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for (int i = 0; i < base64.length(); i += 70) {
            pem.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return pem.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
    }

    @Override
    public String toString() {
        return "DerivedSshKey[" + comment + ", private key redacted]";
    }

    private byte[] publicBlob() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
            string(out, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private byte[] privateSection() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        // The check number only detects a wrong passphrase; fixed per key, so the file is the same every time.
        int check = (seed[0] & 0xff) << 24 | (seed[1] & 0xff) << 16 | (seed[2] & 0xff) << 8 | (seed[3] & 0xff);
        out.writeInt(check);
        out.writeInt(check);
        string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
        string(out, publicKey);
        byte[] both = new byte[64];
        System.arraycopy(seed, 0, both, 0, 32);
        System.arraycopy(publicKey, 0, both, 32, 32);
        string(out, both);
        string(out, comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; bytes.size() % 8 != 0; pad++) {
            out.write(pad);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    /** Hands the key generator the derived seed as its "random" private key bytes. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
