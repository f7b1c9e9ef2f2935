package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.agent.AgentSettings;
import io.binarybosh.e2e.sim.agent.NatsNetwork;
import io.binarybosh.e2e.sim.api.FaultBoard;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.director.DirectorEnvironment;
import io.binarybosh.e2e.sim.iaas.AddressPool;
import io.binarybosh.e2e.sim.iaas.Iaas;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.iaas.VmHosting;
import io.binarybosh.e2e.sim.process.ProcessHosting;
import io.binarybosh.e2e.sim.process.SshHost;
import io.binarybosh.e2e.sim.store.ApplySpec;
import io.binarybosh.e2e.sim.store.JobRef;
import io.binarybosh.e2e.sim.store.TaskRow;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole simulated BOSH world in this JVM: the IaaS, the directors (a create-env one and those deployed by
 * other directors), their releases, stemcells and workload deployments. Closing it stops everything.
 */
public final class World implements AutoCloseable {
    private final WorldSpec spec;
    private final Path root;
    private final Timings timings;
    private final CertificateAuthority ca;
    private final ScheduledExecutorService scheduler;
    private final NatsNetwork network = new NatsNetwork();
    private final FaultBoard faults = new FaultBoard();
    private final WorldJobCatalog catalog;
    private final Iaas iaas;
    private final DirectorEnvironment environment;
    private final Map<String, DirectorEndpoint> endpoints = new LinkedHashMap<>();
    private final Faults faultApi;
    private final ProcessHosting hosting;
    private final Thread killOnExit;

    private World(WorldSpec spec, Path root) {
        this.spec = spec;
        this.root = root;
        this.timings = new Timings(spec.timeScale() == null ? 1.0 : spec.timeScale());
        this.ca = new CertificateAuthority("binary-bosh-world-ca");
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "world-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.hosting = spec.processMode() ? new ProcessHosting(root.resolve("hosts"), spec.sshPortOrDefault(),
                io.binarybosh.e2e.sim.process.MonitFormat.parse(spec.monit()), spec.timeScale() == null ? 1.0 : spec.timeScale(),
                spec.sizedDisksOrDefault()) : null;
        // a backstop for a JVM that exits without close(): no monit, sshd or director process may outlive it
        this.killOnExit = hosting == null ? null : new Thread(hosting::close, "world-process-sweep");
        if (killOnExit != null) {
            Runtime.getRuntime().addShutdownHook(killOnExit);
        }
        this.catalog = new WorldJobCatalog(this::environment, ca, root.resolve("ephemeral"),
                hosting == null ? DirectorRunner.inJvm() : DirectorRunner.underMonit(hosting));
        this.iaas = new Iaas(root.resolve("iaas"), new AddressPool(spec.network() == null ? "127.0.1.0/24" : spec.network()),
                network, catalog, scheduler, timings, hosting == null ? VmHosting.keysOnly() : hosting);
        this.environment = new DirectorEnvironment(iaas, network, scheduler, timings, faults);
        this.faultApi = new Faults(this);
    }

    /** Starts a world in {@code root} (created if needed) and returns once every director and deployment is up. */
    public static World start(WorldSpec spec, Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        World world = new World(spec, root);
        try {
            world.build();
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    private DirectorEnvironment environment() {
        return environment;
    }

    private void build() {
        DirectorManifest manifests = new DirectorManifest(ca.caPem());
        String os = spec.stemcells().isEmpty() ? "ubuntu-noble" : spec.stemcells().get(0).os();
        List<String> pending = new java.util.ArrayList<>(spec.directors().keySet());
        while (!pending.isEmpty()) {
            String next = pending.stream()
                    .filter(k -> spec.directors().get(k).deployedBy() == null || endpoints.containsKey(spec.directors().get(k).deployedBy()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("directors deployed by unknown directors: " + pending));
            pending.remove(next);
            DirectorSpec d = spec.directors().get(next);
            String address = iaas.allocateAddress();
            Map<String, Object> properties = manifests.properties(d, address, spec.portOrDefault(), ca.serverCertificate(address));
            if (d.deployedBy() == null) {
                createEnv(d, address, properties);
            } else {
                Director deployer = director(d.deployedBy());
                runTask(deployer, deployer.enqueue("update_deployment", "create deployment", "admin", d.deployment(),
                        deployArgs(manifests.manifest(d, address, properties, os,
                                spec.directors().get(d.deployedBy()).hasConfigServer()))));
            }
            awaitDirector(address);
            endpoints.put(next, new DirectorEndpoint(next, d.name(), "https://" + address + ":" + spec.portOrDefault(),
                    address, spec.portOrDefault(), d.uaa() ? "uaa" : "basic", d.clientOrDefault(),
                    d.secret() == null ? d.name() + "-admin-secret" : d.secret(), ca.caPem(), d.deployment(), d.deployedBy()));
            upload(director(next));
        }
        for (WorldSpec.Deployment deployment : spec.deployments()) {
            Director director = director(deployment.director());
            String release = deployment.release() != null ? deployment.release()
                    : spec.releases().stream().filter(r -> !r.name().equals("bosh")).findFirst()
                    .or(() -> spec.releases().stream().findFirst()).map(WorldSpec.Release::name).orElse("bosh");
            runTask(director, director.enqueue("update_deployment", "create deployment", "admin", deployment.name(),
                    deployArgs(DirectorManifest.workload(deployment, release, os))));
        }
    }

    /** `bosh create-env`: a VM no director manages, whose agent takes its spec straight from the CLI. */
    private void createEnv(DirectorSpec d, String address, Map<String, Object> properties) {
        String disk = iaas.createDisk(d.persistentDiskOrDefault());
        Vm vm = iaas.createVm(new AgentSettings(UUID.randomUUID().toString(), null, null), address, disk);
        List<JobRef> jobs = d.jobs().stream()
                .map(j -> new JobRef(j, "bosh", properties)).toList();
        vm.agent().apply(new ApplySpec(d.deployment() == null ? d.name() : d.deployment(), "bosh", 0,
                UUID.randomUUID().toString(), "z1", jobs, 65536, "default", null, null));
    }

    private static ObjectNode deployArgs(String manifest) {
        ObjectNode args = Json.object();
        args.put("manifest", manifest);
        return args;
    }

    private void upload(Director director) {
        for (WorldSpec.Release r : spec.releases()) {
            ObjectNode args = Json.object().put("name", r.name()).put("version", r.version());
            (r.jobs() == null ? List.<String>of() : r.jobs()).forEach(args.putArray("jobs")::add);
            runTask(director, director.enqueue("update_release", "create release", "admin", null, args));
        }
        for (WorldSpec.Stemcell s : spec.stemcells()) {
            ObjectNode args = Json.object().put("name", s.name()).put("os", s.os()).put("version", s.version());
            runTask(director, director.enqueue("update_stemcell", "create stemcell", "admin", null, args));
        }
    }

    private void runTask(Director director, long id) {
        TaskRow row = director.awaitTask(id, timings.seconds(600).plusSeconds(30));
        if (!row.state().equals("done")) {
            throw new IllegalStateException("task " + id + " on " + director.config().name() + " ended " + row.state()
                    + ": " + row.result());
        }
    }

    private void awaitDirector(String address) {
        long deadline = System.nanoTime() + timings.seconds(600).plusSeconds(30).toNanos();
        while (catalog.directorAt(address).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no director came up at " + address);
            }
            // A director starts on its VM's own thread and announces nothing: poll, bounded by the deadline.
            sleep(Duration.ofMillis(5));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- public API ----

    public WorldSpec spec() {
        return spec;
    }

    public Path root() {
        return root;
    }

    public Timings timings() {
        return timings;
    }

    public Iaas iaas() {
        return iaas;
    }

    public String caCertificatePem() {
        return ca.caPem();
    }

    public Map<String, DirectorEndpoint> endpoints() {
        return Map.copyOf(endpoints);
    }

    public DirectorEndpoint endpoint(String key) {
        DirectorEndpoint e = endpoints.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no director '" + key + "' in this world");
        }
        return e;
    }

    /** The director process now running at that director's address; throws if it is down. */
    public Director director(String key) {
        return runningDirector(key).orElseThrow(() -> new IllegalStateException("director '" + key + "' is not running"));
    }

    public Optional<Director> runningDirector(String key) {
        DirectorEndpoint e = endpoints.get(key);
        return e == null ? Optional.empty() : catalog.directorAt(e.address());
    }

    /** The VM that hosts a director, if it exists. */
    public Optional<Vm> directorVm(String key) {
        return iaas.vmAt(endpoint(key).address());
    }

    /** The VMs of a deployment (whatever director deployed it), as the IaaS has them now. */
    public List<Vm> deploymentVms(String deployment) {
        return iaas.vms().stream()
                .filter(vm -> vm.agent().spec() != null && deployment.equals(vm.agent().spec().deployment()))
                .sorted(java.util.Comparator.comparingInt(vm -> vm.agent().spec().index()))
                .toList();
    }

    /** The requests a director's address received (what a client under test sent, and the answers' status). */
    public List<RecordedRequest> requests(String key) {
        return faults.at(endpoint(key).address()).requests().all();
    }

    public Faults faults() {
        return faultApi;
    }

    /** True when director VMs run real monit, sshd and director processes (`mode: process`). */
    public boolean processMode() {
        return hosting != null;
    }

    /**
     * How to log into a director's VM now (process mode only): its address, sshd port and host key, as the
     * {@code jumpbox} user (bosh-deployment's jumpbox-user.yml) with the jumpbox key; root needs sudo.
     */
    public Optional<SshEndpoint> ssh(String key) {
        if (hosting == null) {
            return Optional.empty();
        }
        return directorVm(key).flatMap(vm -> hosting.host(vm.cid())).map(this::sshEndpoint);
    }

    /** The machine behind a VM (process mode): its users, its namespace. */
    public Optional<SshHost> processHostOf(String cid) {
        return hosting == null ? Optional.empty() : hosting.host(cid);
    }

    /** The same for any VM, by cid. */
    public Optional<SshEndpoint> sshToVm(String cid) {
        return hosting == null ? Optional.empty() : hosting.host(cid).map(this::sshEndpoint);
    }

    private SshEndpoint sshEndpoint(SshHost host) {
        return new SshEndpoint(host.address(), host.port(), "jumpbox", hosting.jumpbox().privateKey(), host.hostPublicKey(),
                host.dir().root());
    }

    /** A string in the command line of every process this world started for its VMs (process mode), else empty. */
    public Optional<String> processMarker() {
        return Optional.ofNullable(hosting).map(ProcessHosting::processMarker);
    }

    FaultBoard faultBoard() {
        return faults;
    }

    /** Where each director is and how to log in, as JSON (format in e2e/README.md). */
    public String connectionJson() {
        ObjectNode root = Json.object();
        root.put("ca_cert", ca.caPem());
        root.put("mode", hosting == null ? WorldSpec.IN_JVM : WorldSpec.PROCESS);
        ObjectNode directors = root.putObject("directors");
        endpoints.forEach((key, e) -> {
            ObjectNode d = directors.putObject(key);
            d.put("name", e.name());
            d.put("url", e.url());
            d.put("address", e.address());
            d.put("port", e.port());
            d.put("auth", e.auth());
            d.put("client", e.client());
            d.put("client_secret", e.clientSecret());
            d.put("ca_cert", e.caCert());
            d.put("deployment", e.deployment());
            d.put("deployed_by", e.deployedBy());
            runningDirector(key).ifPresent(r -> d.put("uuid", r.uuid()));
            ssh(key).ifPresent(s -> {
                ObjectNode ssh = d.putObject("ssh");
                ssh.put("host", s.host());
                ssh.put("port", s.port());
                ssh.put("user", s.user());
                ssh.put("private_key", s.privateKey().toString());
                ssh.put("host_key", s.hostKey());
                ssh.put("home", s.home().toString());
            });
        });
        try {
            return Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void writeConnectionJson(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, connectionJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        iaas.shutdown();
        catalog.stopAll();
        if (hosting != null) {
            hosting.close();
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
