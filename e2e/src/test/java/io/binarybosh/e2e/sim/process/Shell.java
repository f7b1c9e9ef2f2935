package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.world.SshEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A person at a terminal: the real `ssh` client, pinning the host key it was given, with a timeout per command. */
public record Shell(String host, int port, String user, Path privateKey, Path knownHosts) {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Pins {@code hostKey} for that address in a known_hosts file of its own. */
    public static Shell to(String host, int port, String user, Path privateKey, String hostKey, Path dir) {
        try {
            Files.createDirectories(dir);
            Path knownHosts = Files.createTempFile(dir, "known_hosts-", "");
            Files.writeString(knownHosts, "[" + host + "]:" + port + " " + hostKey + "\n");
            return new Shell(host, port, user, privateKey, knownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Shell to(SshEndpoint e, Path dir) {
        return to(e.host(), e.port(), e.user(), e.privateKey(), e.hostKey(), dir);
    }

    /** The ssh command line (for rsync's {@code -e}), binding to {@code source} when not null. */
    public List<String> sshCommand(String source) {
        List<String> c = new ArrayList<>(List.of("ssh", "-i", privateKey.toString(), "-p", Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR"));
        if (source != null) {
            c.addAll(List.of("-o", "BindAddress=" + source));
        }
        return c;
    }

    public Command.Result run(String command) {
        List<String> c = sshCommand(null);
        c.add(user + "@" + host);
        c.add(command);
        return Command.run(TIMEOUT, c);
    }

    /** Runs and fails unless the remote command exits 0. */
    public String check(String command) {
        Command.Result r = run(command);
        if (!r.ok()) {
            throw new AssertionError("on " + host + ": " + command + " exited " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }
}
