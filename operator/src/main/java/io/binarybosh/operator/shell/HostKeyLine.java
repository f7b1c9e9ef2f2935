package io.binarybosh.operator.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A pinned SSH host key, from either form a user or a director hands over: the agent's raw
 * {@code /etc/ssh/ssh_host_rsa_key.pub} ({@code type key [comment]}, maybe with a trailing newline), or a
 * known_hosts line ({@code [@marker] host[,host] type key [comment]}). Blank lines, {@code #} comments and
 * {@code @revoked} lines (a key that must never be trusted) are skipped; the first other key line counts. A
 * {@code @cert-authority} line names a CA that signs host certificates, not a host key: it is refused, since the
 * operator pins host keys themselves (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT).
 */
public record HostKeyLine(String type, String base64) {

    public HostKeyLine {
        if (!isKeyType(type)) {
            throw new ShellException("the pinned host key has no key type where one is expected");
        }
    }

    public byte[] blob() {
        return Base64.getDecoder().decode(base64);
    }

    /** The key's SHA256 fingerprint as ssh-keygen -l prints it ({@code SHA256:} and unpadded Base64). */
    public String fingerprint() {
        return fingerprint(blob());
    }

    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code type base64}, what a known_hosts line carries after its host names. */
    public String typeAndKey() {
        return type + " " + base64;
    }

    public static HostKeyLine parse(String text) {
        if (text == null) {
            throw new ShellException("no pinned host key");
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")
                    || trimmed.toLowerCase(Locale.ROOT).startsWith("@revoked")) {
                continue;
            }
            return parseLine(trimmed);
        }
        throw new ShellException("the pinned host key is empty");
    }

    private static HostKeyLine parseLine(String line) {
        List<String> fields = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        if (fields.get(0).startsWith("@")) {
            if (fields.get(0).toLowerCase(Locale.ROOT).equals("@cert-authority")) {
                throw new ShellException("the pinned known_hosts line is a @cert-authority: it names the CA that "
                        + "signs host certificates, not the host's key; pin the host key itself (ssh-keyscan)");
            }
            throw new ShellException("the pinned known_hosts line has an unknown marker " + fields.get(0));
        }
        int type = isKeyType(fields.get(0)) ? 0 : 1;
        if (fields.size() < type + 2 || !isKeyType(fields.get(type))) {
            throw new ShellException("the pinned host key is neither 'type key [comment]' nor a known_hosts line "
                    + "'[marker] host[,host] type key [comment]'");
        }
        String key = fields.get(type + 1);
        try {
            Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new ShellException("the pinned host key's key field is not Base64");
        }
        return new HostKeyLine(fields.get(type), key);
    }

    private static boolean isKeyType(String field) {
        return field != null && (field.startsWith("ssh-") || field.startsWith("ecdsa-sha2-")
                || field.startsWith("sk-ssh-") || field.startsWith("sk-ecdsa-"));
    }
}
