package io.binarybosh.e2e.sim.iaas;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/** Makes a fresh SSH host key per VM, as a real IaaS boot does, in OpenSSH public key form. */
public final class HostKeys {
    private HostKeys() {
    }

    /**
     * What a stemcell's first boot leaves in /etc/ssh/ssh_host_rsa_key.pub (host keys regenerated, RSA, the
     * comment {@code root@<hostname>}) and the agent hands out raw, trailing newline included.
     */
    public static String newRsaPublicKey(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.interfaces.RSAPublicKey key =
                    (java.security.interfaces.RSAPublicKey) generator.generateKeyPair().getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, key.getPublicExponent().toByteArray());
            writeString(blob, key.getModulus().toByteArray());
            return "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " root@" + hostname + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newEd25519PublicKey() {
        try {
            byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }
}
