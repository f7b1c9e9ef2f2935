package io.binarybosh.e2e.sim.process;

import io.binarybosh.e2e.sim.agent.JobProcess;
import io.binarybosh.e2e.sim.iaas.VmHost;
import io.binarybosh.e2e.sim.iaas.VmHosting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public ProcessHosting(Path root, int sshPort, MonitFormat monitFormat, double timeScale) {
        this.root = root;
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

    @Override
    public VmHost boot(String cid, String address, Path diskPath) {
        SshHost host = SshHost.boot(cid, address, sshPort, new HostDir(root.resolve("vms").resolve(cid)), diskPath,
                jumpbox.publicKey(), monitFormat);
        hosts.put(cid, host);
        return host;
    }

    /** Starts monit on a director VM; the director runs from {@code slot} each time its process starts. */
    public JobProcess startDirectorJobs(String cid, DirectorTether.Slot slot) {
        SshHost host = host(cid).orElseThrow(() -> new IllegalStateException("no host for VM " + cid));
        tether.register(cid, slot);
        return MonitJobs.start(host, new MonitControlFile(host.dir(), javaCommand(), classPath(), tether.address(), cid,
                timeScale), tether);
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
        Leftovers.release(root);
    }
}
