package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.iaas.VmHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One simulated machine in process mode: its folder, its own mount and UTS namespaces (so its users, sudoers
 * and host keys are its own, as on a real VM, and never touch the test machine's), the persistent disk
 * bind-mounted at its store (a mount point: renaming it fails with EBUSY), and a real sshd on the VM's own
 * loopback address, configured as a stemcell's. `bosh ssh` users are real users of the VM, made as the agent
 * makes them.
 */
public final class SshHost implements VmHost {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    /** A guard against a hung boot, not a measure of one: a boot takes about a second on an idle machine. */
    private static final Duration BOOT_WAIT = Duration.ofSeconds(90);
    /** bosh-agent settings/settings.go EphemeralUserPrefix: cleanup touches no other user. */
    private static final String EPHEMERAL_PREFIX = "bosh_";
    private final String cid;
    private final String address;
    private final int port;
    private final HostDir dir;
    private volatile long machinePid;
    private volatile String namespace;
    private final boolean storeMounted;
    private final String hostPublicKey;
    private volatile boolean destroyed;

    private SshHost(String cid, String address, int port, HostDir dir, long machinePid, String namespace,
                    boolean storeMounted, String hostPublicKey) {
        this.cid = cid;
        this.address = address;
        this.port = port;
        this.dir = dir;
        this.machinePid = machinePid;
        this.namespace = namespace;
        this.storeMounted = storeMounted;
        this.hostPublicKey = hostPublicKey;
    }

    /** Makes the folder, mounts the disk, and boots the machine: its namespaces, users, host key and sshd. */
    static SshHost boot(String cid, String address, int port, HostDir dir, Path disk, String jumpboxKey,
                        MonitFormat monitFormat) {
        boolean mounted = false;
        try {
            for (Path p : new Path[] {dir.etc(), dir.bin(), dir.run(), dir.log(), dir.store(), dir.os()}) {
                Files.createDirectories(p);
            }
            if (disk != null) {
                // the persistent disk's mount point, as the agent mounts it (here a bind mount of its folder)
                Command.check(COMMAND_TIMEOUT, "mount", "--bind", disk.toString(), dir.store().toString());
                mounted = true;
            }
            ShellFiles.write(dir, address, port, hostname(cid), jumpboxKey, monitFormat);
            long pid = startMachine(dir);
            return new SshHost(cid, address, port, dir, pid, namespaceOf(pid), mounted,
                    Files.readString(dir.hostPublicKey()));
        } catch (IOException | RuntimeException e) {
            ProcessSweep.kill(dir.marker());
            if (mounted) {
                unmount(dir.store());
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Runs the boot script in new mount and UTS namespaces; returns the pid holding them once sshd is up. */
    private static long startMachine(HostDir dir) throws IOException {
        new ProcessBuilder("setsid", "unshare", "--mount", "--uts", "--propagation", "private",
                dir.bin().resolve("boot").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().resolve("boot.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return awaitMachine(dir);
    }

    private static String namespaceOf(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt")).toString();
    }

    /**
     * The machine reboots. Every process of it dies at once (SIGKILL: nothing is shut down cleanly, as in a crash or
     * a hypervisor reset). What lives on tmpfs is lost: the agent mounts /var/vcap/data/sys/run, where the jobs' pid
     * files and sockets are, as a fresh tmpfs at each boot (bosh-agent platform/linux_platform.go
     * {@code setupRunDir}), here the VM's {@code run/} folder, emptied but for monit's state and id files, which a
     * stemcell's monit keeps in root's home on the root disk (monitrc sets neither, bosh-linux-stemcell-builder
     * stages/bosh_monit/assets/monitrc; monit 5.2.5 file.c: {@code $HOME/.monit.state}). What lives on disks stays:
     * the root disk (users, host keys: the upper layers here, so no new host key), the ephemeral disk
     * ({@code /var/vcap/data}, /tmp's {@code root_tmp}: bosh-agent {@code SetupTmpDir} makes it, never empties it)
     * and the persistent disk, which the agent mounts again ({@code agent/bootstrap.go} mountLastMountedDisk; here
     * its bind mount, made outside the VM, stays). Then the VM boots as at first (namespaces, sshd) without
     * regenerating anything; {@link MonitJobs#startDaemon} is the agent's bootstrap starting monit.
     */
    public synchronized void reboot() {
        if (destroyed) {
            throw new IllegalStateException("VM " + cid + " is gone");
        }
        ProcessSweep.killNamespace(namespace);
        ProcessSweep.kill(dir.marker());
        try (var entries = Files.list(dir.run())) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals("monit.state") && !name.equals("monit.id")) {
                    Files.deleteIfExists(entry);
                }
            }
            long pid = startMachine(dir);
            namespace = namespaceOf(pid);
            machinePid = pid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(dir.monitrc())) {
            MonitJobs.startDaemon(this);
        }
    }

    /** The VM's hostname: the agent sets it to the agent id on a real VM; here the cid, which is as unique. */
    private static String hostname(String cid) {
        return cid.length() > 63 ? cid.substring(0, 63) : cid;
    }

    private static long awaitMachine(HostDir dir) throws IOException {
        long deadline = System.nanoTime() + BOOT_WAIT.toNanos();
        Path pidFile = dir.run().resolve("machine.pid");
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile) && Files.exists(dir.pidFile("sshd"))) {
                String pid = Files.readString(pidFile).trim();
                if (!pid.isEmpty()) {
                    return Long.parseLong(pid);
                }
            }
            // the boot script runs on its own and tells no one: poll its pid file, bounded by BOOT_WAIT.
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("VM " + dir.root() + " did not boot within " + BOOT_WAIT + ": "
                + Files.readString(dir.log().resolve("boot.log")));
    }

    public String cid() { return cid; }

    public String address() { return address; }

    public int port() { return port; }

    public HostDir dir() { return dir; }

    public boolean destroyed() { return destroyed; }

    long machinePid() { return machinePid; }

    /** Runs a command inside the VM (its mounts and hostname), as root. */
    public Command.Result inside(Duration timeout, String... command) {
        List<String> c = new ArrayList<>(List.of("nsenter", "-t", Long.toString(machinePid), "-m", "-u", "--"));
        c.addAll(List.of(command));
        return Command.run(timeout, c);
    }

    /**
     * Every command run over ssh on this VM so far, one line each: the time in milliseconds, the user and the
     * command as bash's {@code printf %q} quotes it (a test instrument; a stemcell keeps no such log).
     */
    public List<String> commandLog() {
        try {
            return Files.readAllLines(dir.log().resolve(ShellFiles.COMMAND_LOG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw content of the VM's /etc/ssh/ssh_host_rsa_key.pub, trailing newline included. */
    @Override
    public String hostPublicKey() {
        return hostPublicKey;
    }

    /**
     * The agent's ssh setup (bosh-agent agent/action/ssh.go, platform/linux_platform.go): useradd with its home in
     * /var/vcap/bosh_ssh, chmod 700, usermod -G vcap,admin,bosh_sudoers,bosh_sshers, the key in
     * ~/.ssh/authorized_keys. A user that exists makes useradd fail, and the error reads as the agent's.
     */
    @Override
    public synchronized void authorize(String user, String publicKey) {
        String[] parts = publicKey.trim().split("\\s+", 3);
        if (parts.length < 2 || !parts[0].matches("[a-z0-9@.-]+") || !parts[1].matches("[A-Za-z0-9+/=]+")) {
            throw new IllegalArgumentException("Setting ssh public key: not an OpenSSH public key");
        }
        String[] useradd = {"useradd", "-m", "-b", "/var/vcap/bosh_ssh", "-s", "/bin/bash", user};
        Command.Result created = inside(COMMAND_TIMEOUT, useradd);
        if (!created.ok()) {
            throw new IllegalStateException("Creating user: Shelling out to useradd: Running command: '"
                    + String.join(" ", useradd) + "', stdout: '', stderr: '" + created.output() + "'");
        }
        String home = "/var/vcap/bosh_ssh/" + user;
        expect(inside(COMMAND_TIMEOUT, "chmod", "700", home), "Creating user: Shelling out to chmod");
        expect(inside(COMMAND_TIMEOUT, "usermod", "-G", String.join(",", ShellFiles.GROUPS.split(" ")), user),
                "Adding user to groups: Shelling out to usermod");
        expect(inside(COMMAND_TIMEOUT, "sh", "-c", "install -d -m 0700 -o \"$1\" \"$2/.ssh\" && printf '%s\\n' \"$3\" > "
                + "\"$2/.ssh/authorized_keys\" && chown \"$1\" \"$2/.ssh/authorized_keys\" && chmod 0600 "
                + "\"$2/.ssh/authorized_keys\"", "sh", user, home, parts[0] + " " + parts[1]),
                "Setting ssh public key");
    }

    /** The agent's cleanup: every user of /etc/passwd with the ephemeral prefix that matches, {@code userdel -rf}. */
    @Override
    public synchronized void revoke(Pattern users) {
        Command.Result passwd = inside(COMMAND_TIMEOUT, "cat", "/etc/passwd");
        expect(passwd, "Finding ephemeral users: Reading /etc/passwd");
        for (String line : passwd.output().split("\n")) {
            String user = line.split(":", 2)[0];
            if (user.startsWith(EPHEMERAL_PREFIX) && users.matcher(user).find()) {
                expect(inside(COMMAND_TIMEOUT, "userdel", "-rf", user), "Deleting user");
            }
        }
    }

    /** The users of the VM's /etc/passwd (for tests: who the agent made). */
    public List<String> users() {
        Command.Result passwd = inside(COMMAND_TIMEOUT, "cat", "/etc/passwd");
        expect(passwd, "reading /etc/passwd");
        return passwd.output().lines().map(l -> l.split(":", 2)[0]).toList();
    }

    private static void expect(Command.Result result, String what) {
        if (!result.ok()) {
            throw new IllegalStateException(what + ": " + result.output().trim());
        }
    }

    /** The machine is gone: every process in its namespace dies at once, and its disk is unmounted. */
    @Override
    public void destroy() {
        destroyed = true;
        ProcessSweep.killNamespace(namespace);
        ProcessSweep.kill(dir.marker());
        if (storeMounted) {
            unmount(dir.store());
        }
    }

    static void unmount(Path mountPoint) {
        Command.run(COMMAND_TIMEOUT, "umount", "-l", mountPoint.toString());
    }
}
