package io.binarybosh.e2e.sim.process;

import java.nio.file.Path;

/**
 * The "filesystem" of one simulated VM: a folder whose {@code var/vcap} is what the VM's own mount namespace
 * shows at {@code /var/vcap}, and whose {@code os/} holds the upper layers of the VM's {@code /etc} and
 * {@code /var} (its user database, sudoers, host keys). A shell on the VM starts in this folder, so relative
 * paths read as on a real VM without the leading slash; absolute {@code /var/vcap/...} paths work too.
 */
public record HostDir(Path root) {
    public Path etc() { return root.resolve("etc"); }

    public Path bin() { return root.resolve("bin"); }

    public Path run() { return root.resolve("run"); }

    public Path log() { return root.resolve("log"); }

    /** The upper and work layers of the VM's overlay {@code /etc} and {@code /var}. */
    public Path os() { return root.resolve("os"); }

    public Path vcap() { return root.resolve("var/vcap"); }

    /** {@code /var/vcap/store}: the persistent disk bind-mounted here, or a folder of its own without a disk. */
    public Path store() { return vcap().resolve("store"); }

    /** {@code /var/vcap/bosh}: root only, as on a stemcell. */
    public Path bosh() { return vcap().resolve("bosh"); }

    /** {@code /var/vcap/bosh/bin/monit}: the root-only wrapper (stemcell stages/bosh_monit/assets/monit). */
    public Path monitWrapper() { return bosh().resolve("bin/monit"); }

    /** {@code /var/vcap/bosh/etc/monitrc}: mode 0700, root. */
    public Path monitrc() { return bosh().resolve("etc/monitrc"); }

    /** {@code /var/vcap/packages/postgres-15/bin}. */
    public Path postgresBin() { return vcap().resolve("packages/postgres-15/bin"); }

    public Path sshdConfig() { return etc().resolve("sshd_config"); }

    /** The VM's host public key as its first boot wrote it ({@code /etc/ssh/ssh_host_rsa_key.pub} inside). */
    public Path hostPublicKey() { return os().resolve("etc/ssh/ssh_host_rsa_key.pub"); }

    public Path monitSocket() { return run().resolve("monit.sock"); }

    public Path pidFile(String process) { return run().resolve(process + ".pid"); }

    /** Every process of this VM carries this string in its command line. */
    public String marker() { return root.toString(); }
}
