package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.agent.JobProcess;
import io.binarybosh.e2e.sim.iaas.VmHost;
import io.binarybosh.e2e.sim.iaas.VmHosting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process mode: every VM is a folder, its own mount and UTS namespaces and a real sshd on the VM's address; a
 * director VM runs a real monit whose `director` process is the simulator's. Closing it kills every process any
 * of its VMs started and unmounts their disks; starting one first does the same for worlds whose JVM died
 * without closing them (found by their owner file).
 */
public final class ProcessHosting implements VmHosting, AutoCloseable {
    private final Path root;
    private final int sshPort;
    private final DirectorTether tether = new DirectorTether();
    private final Map<String, SshHost> hosts = new ConcurrentHashMap<>();
    private final Jumpbox jumpbox;
    private final MonitFormat monitFormat;
    private final double timeScale;
    private final boolean sizedDisks;

    public ProcessHosting(Path root, int sshPort, MonitFormat monitFormat, double timeScale, boolean sizedDisks) {
        this.root = root;
        this.sizedDisks = sizedDisks;
        this.sshPort = sshPort;
        this.monitFormat = monitFormat;
        this.timeScale = timeScale;
        Leftovers.sweep();
        try {
            Files.createDirectories(root.resolve("vms"));
            Files.createDirectories(Path.of("/run/sshd"));
            traversable(root);
            Leftovers.claim(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.jumpbox = Jumpbox.create(root.resolve("ssh"));
    }

    /**
     * The VMs' users are not root: they must reach their VM's folder (a login starts there) through the
     * world's folder and its parents, which temp folders make 0700. Only the search bit is added.
     */
    private static void traversable(Path root) throws IOException {
        for (Path p = root.toAbsolutePath(); p != null; p = p.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /**
     * A persistent disk of its own size: a tmpfs of {@code sizeMb} on its folder, so that {@code df} on the store
     * it is bind-mounted at reports that size and what is free on it, as on a real disk. Unmounted with the disk,
     * the world, or by the next world when this one's JVM died.
     */
    @Override
    public void diskCreated(Path diskPath, int sizeMb) {
        if (sizedDisks) {
            Command.check(Duration.ofSeconds(20), "mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m,mode=0755",
                    "binary-bosh-disk", diskPath.toString());
        }
    }

    @Override
    public void diskDeleted(Path diskPath) {
        if (sizedDisks) {
            SshHost.unmount(diskPath);
        }
    }

    @Override
    public VmHost boot(String cid, String address, Path diskPath) {
        SshHost host = SshHost.boot(cid, address, sshPort, new HostDir(root.resolve("vms").resolve(cid)), diskPath,
                jumpbox.publicKey(), monitFormat);
        hosts.put(cid, host);
        return host;
    }

    /**
     * Starts monit on a director VM whose postgres job keeps its data in {@code postgresDirectory}; the director
     * runs from {@code slot} each time its process starts.
     */
    public JobProcess startDirectorJobs(String cid, String postgresDirectory, DirectorTether.Slot slot) {
        SshHost host = host(cid).orElseThrow(() -> new IllegalStateException("no host for VM " + cid));
        tether.register(cid, slot);
        return MonitJobs.start(host, new MonitControlFile(host.dir(), javaCommand(), classPath(), tether.address(), cid,
                timeScale, postgresDirectory), tether);
    }

    /**
     * Whether monit's postgres on that VM runs: its process (the bpm container's, whose pid monit watches) is
     * alive. A stopped, killed or never started postgres refuses the director's connections.
     */
    public boolean postgresRunning(String cid) {
        return host(cid).map(h -> {
            try {
                long pid = Long.parseLong(Files.readString(h.dir().pidFile("postgres")).trim());
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } catch (IOException | NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    /**
     * Writes the director job's rendered files that name the director ({@code world.DirectorJobFiles}) where the
     * agent puts them, /var/vcap/jobs/director/config: folders 0750 and files 0640, as the agent's job bundles
     * (bosh-agent agent/applier/bundlecollection/file_bundle.go: root:vcap; root here, the VM's vcap group being
     * in its own user database).
     */
    public void renderDirectorJob(String cid, String directorYml, String directorPem) {
        SshHost host = host(cid).orElseThrow(() -> new IllegalStateException("no host for VM " + cid));
        Path config = host.dir().vcap().resolve("jobs/director/config");
        try {
            Files.createDirectories(config.resolve("ssl"));
            for (Path dir : new Path[]{config.getParent().getParent(), config.getParent(), config, config.resolve("ssl")}) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
            }
            Files.writeString(config.resolve("director.yml"), directorYml);
            Files.writeString(config.resolve("ssl/director.pem"), directorPem);
            for (Path file : new Path[]{config.resolve("director.yml"), config.resolve("ssl/director.pem")}) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<SshHost> host(String cid) {
        return Optional.ofNullable(hosts.get(cid)).filter(h -> !h.destroyed());
    }

    public Jumpbox jumpbox() {
        return jumpbox;
    }

    public int sshPort() {
        return sshPort;
    }

    /** Every process started for this world's VMs carries this in its command line. */
    public String processMarker() {
        return root.resolve("vms").toString();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        try {
            return Path.of(DirectorProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        hosts.values().forEach(SshHost::destroy);
        tether.close();
        ProcessSweep.kill(processMarker());
        Leftovers.unmountUnder(root);
        Leftovers.unmountDisksOf(root);
        Leftovers.release(root);
    }
}
