package io.binarybosh.operator.shell;

import java.util.Objects;

/**
 * Where to log in and how: the host key is pinned (a known_hosts line or "type base64"), never learnt.
 */
public record SshTarget(String host, int port, String user, String privateKey, String hostKey) {

    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKey, "hostKey");
    }

    @Override
    public String toString() {
        return "SshTarget[" + user + "@" + host + ":" + port + ", privateKey=<redacted>]";
    }
}
