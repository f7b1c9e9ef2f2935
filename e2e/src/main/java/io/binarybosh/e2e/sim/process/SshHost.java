package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.iaas.VmHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One simulated machine in process mode: its folder, a host key made at boot, and a real sshd on the VM's own
 * loopback address. Every login is root (sshd cannot log in users the machine does not have), with the keys of
 * this VM only: the users `bosh ssh` asks for are kept as the key comments, and the jumpbox key is always there.
 */
public final class SshHost implements VmHost {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private final String cid;
    private final String address;
    private final int port;
    private final HostDir dir;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final String hostPublicKey;
    private volatile boolean destroyed;

    private SshHost(String cid, String address, int port, HostDir dir, String hostPublicKey) {
        this.cid = cid;
        this.address = address;
        this.port = port;
        this.dir = dir;
        this.hostPublicKey = hostPublicKey;
    }

    /** Makes the folder, a new host key, the shell and monit wrappers, and starts sshd. */
    static SshHost boot(String cid, String address, int port, HostDir dir, Path disk, String jumpboxKey) {
        try {
            for (Path p : new Path[] {dir.etc(), dir.bin(), dir.run(), dir.log(), dir.store().getParent()}) {
                Files.createDirectories(p);
            }
            if (disk != null) {
                Files.createSymbolicLink(dir.store(), disk);
            } else {
                Files.createDirectories(dir.store());
            }
            Command.check(COMMAND_TIMEOUT, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", cid, "-f", dir.hostKey().toString());
            String[] pub = Files.readString(dir.hostKey().resolveSibling("ssh_host_ed25519_key.pub")).trim().split(" ");
            SshHost host = new SshHost(cid, address, port, dir, pub[0] + " " + pub[1]);
            ShellFiles.write(dir, address);
            Files.writeString(dir.sshdConfig(), sshdConfig(dir, address, port));
            host.authorize("jumpbox", jumpboxKey);
            Command.check(COMMAND_TIMEOUT, "/usr/sbin/sshd", "-f", dir.sshdConfig().toString(), "-E", dir.log().resolve("sshd.log").toString());
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sshdConfig(HostDir dir, String address, int port) {
        return String.join("\n",
                "ListenAddress " + address,
                "Port " + port,
                "HostKey " + dir.hostKey(),
                "PidFile " + dir.pidFile("sshd"),
                "AuthorizedKeysFile " + dir.authorizedKeys(),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin prohibit-password",
                "PrintMotd no",
                "MaxStartups 50",
                // the shell of this VM: its PATH (monit wrapper), its folder as working directory
                "ForceCommand " + dir.bin().resolve("vm-shell"),
                "");
    }

    public String cid() { return cid; }

    public String address() { return address; }

    public int port() { return port; }

    public HostDir dir() { return dir; }

    public boolean destroyed() { return destroyed; }

    @Override
    public String hostPublicKey() {
        return hostPublicKey;
    }

    @Override
    public synchronized void authorize(String user, String publicKey) {
        String[] parts = publicKey.trim().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].matches("[a-z0-9@.-]+") || !parts[1].matches("[A-Za-z0-9+/=]+")) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + publicKey);
        }
        // the user name becomes the key's comment: nothing in it may start an option or a new line
        keys.put(user, parts[0] + " " + parts[1] + " " + user.replaceAll("[^A-Za-z0-9_.@-]", "_"));
        writeKeys();
    }

    @Override
    public synchronized void revoke(Pattern users) {
        keys.keySet().removeIf(u -> !u.equals("jumpbox") && users.matcher(u).find());
        writeKeys();
    }

    private void writeKeys() {
        StringBuilder out = new StringBuilder();
        keys.values().forEach(line -> out.append(line).append('\n'));
        try {
            Path tmp = dir.authorizedKeys().resolveSibling("authorized_keys.tmp");
            Files.writeString(tmp, out);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, dir.authorizedKeys(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        ProcessSweep.kill(dir.marker());
    }
}
