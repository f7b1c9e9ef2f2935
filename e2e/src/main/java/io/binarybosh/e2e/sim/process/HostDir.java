package io.binarybosh.e2e.sim.process;

import java.nio.file.Path;

/**
 * The "filesystem" of one simulated VM: a folder whose {@code var/vcap/store} is the persistent disk.
 * A shell on the VM starts in this folder, so relative paths read as on a real VM without the leading slash.
 */
public record HostDir(Path root) {
    public Path etc() { return root.resolve("etc"); }

    public Path bin() { return root.resolve("bin"); }

    public Path run() { return root.resolve("run"); }

    public Path log() { return root.resolve("log"); }

    /** {@code /var/vcap/store}: a link to the persistent disk folder, or a folder of its own without a disk. */
    public Path store() { return root.resolve("var/vcap/store"); }

    public Path hostKey() { return etc().resolve("ssh_host_ed25519_key"); }

    public Path authorizedKeys() { return etc().resolve("authorized_keys"); }

    public Path sshdConfig() { return etc().resolve("sshd_config"); }

    public Path monitrc() { return etc().resolve("monitrc"); }

    public Path monitSocket() { return run().resolve("monit.sock"); }

    public Path pidFile(String process) { return run().resolve(process + ".pid"); }

    /** Every process of this VM carries this string in its command line. */
    public String marker() { return root.toString(); }
}
