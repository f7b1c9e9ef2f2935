package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BootstrapSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.binarybosh.operator.model.SshSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each reason the migration refuses to start ends with Migrated=False and Blocked=True with that reason, an event,
 * and a world as it was: the Micro's and Meta's stores unchanged, and no director asked to change anything.
 */
@ExtendWith(ProcessWorldLock.class)
class MigrationRefusalTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);
    /** What observation sends: reads, and the token requests of UAA directors. */
    private static final Set<String> READS = Set.of("GET", "HEAD");
    private boolean swappedSpec;

    @Test
    void microAndMetaSwappedInTheSpec() throws Exception {
        inJvmWorld(TestWorlds.THREE_DIRECTORS);
        // declared as Meta, the Micro gets the agent checks of observation (GET ...?format=full, which a director
        // records as a task): its store is compared by what it holds instead
        BoshHttp micro = new BoshHttp(world.endpoint("micro"));
        micro.login();
        String instances = micro.get("/deployments/bosh-primary/instances").body();
        String deployments = micro.get("/deployments").body();
        swappedSpec = true;
        refusedWithoutAction("SourceDoesNotHoldPrimary", spec -> {
            ManagedDirectorSpec meta = spec.getMeta();
            String metaUrl = meta.getUrl();
            meta.setUrl(world.endpoint("micro").url());
            meta.setCaSecretRef(new SecretKeyRef("micro-director", "ca.crt"));
            meta.setCredentialsSecretRef(new SecretRef("micro-director"));
            spec.getBootstrap().getMicro().setUrl(metaUrl);
            spec.getBootstrap().getMicro().setCaSecretRef(new SecretKeyRef("meta-director", "ca.crt"));
            spec.getBootstrap().getMicro().setCredentialsSecretRef(new SecretRef("meta-director"));
        });
        assertThat(micro.get("/deployments/bosh-primary/instances").body()).isEqualTo(instances);
        assertThat(micro.get("/deployments").body()).isEqualTo(deployments);
    }

    @Test
    void metaOlderThanTheMicro() throws Exception {
        inJvmWorld(TestWorlds.THREE_DIRECTORS.replace("secret: meta-secret}", "secret: meta-secret, version: \"282.0.3 (abcdef01)\"}"));
        refusedWithoutAction("VersionSkew", spec -> {
        });
        assertThat(operator.condition("Migrated").orElseThrow().getMessage()).contains("282.0.3").contains("283.1.6");
    }

    @Test
    void aMetaThatHoldsDeploymentsOfItsOwn() throws Exception {
        inJvmWorld(TestWorlds.THREE_DIRECTORS + """
                  - name: redis
                    director: meta
                    release: zookeeper
                    instanceGroups:
                      - {name: redis, instances: 1, jobs: [zookeeper]}
                """);
        refusedWithoutAction("TargetNotFresh", spec -> {
        });
        assertThat(operator.condition("Migrated").orElseThrow().getMessage()).contains("redis");
    }

    @Test
    void aManifestWhoseDnsNamesTheMicro() throws Exception {
        inJvmWorld(TestWorlds.THREE_DIRECTORS);
        // the old recursor setting, deployed into Meta's manifest through Primary
        BoshHttp primary = new BoshHttp(world.endpoint("primary"));
        primary.login();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode manifest = (ObjectNode) yaml.readTree(primary.get("/deployments/bosh-meta").json().path("manifest").asText());
        ((ObjectNode) manifest.withArray("instance_groups").get(0).with("properties")).putObject("dns")
                .put("recursor", world.endpoint("micro").address());
        long task = BoshHttp.taskId(primary.send("POST", "/deployments", "text/yaml", yaml.writeValueAsString(manifest)));
        assertThat(primary.waitForTask(task).task().path("state").asText()).isEqualTo("done");
        String microAddress = world.endpoint("micro").address();
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        microSshSecret(null);
        String microStore = store("micro");
        String metaStore = store("meta");
        operator.createPair(world, spec -> bootstrap(spec, null));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Migrated", "False", "MicroInDnsSettings")
                && !operator.events("MicroInDnsSettings").isEmpty());
        assertThat(operator.condition("Migrated").orElseThrow().getMessage())
                .contains("instance_groups[0].properties.dns.recursor (" + microAddress + ")");
        assertThat(store("micro")).isEqualTo(microStore);
        assertThat(store("meta")).isEqualTo(metaStore);
        assertThat(changes("micro")).isEmpty();
        assertThat(changes("meta")).isEmpty();
    }

    @Test
    void aMicroStoreWithoutDirectorData() throws Exception {
        processWorld();
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        Path empty = ssh.home().resolve("var/vcap/empty-store");
        Files.createDirectories(empty);
        refusedWithoutActionOverSsh("SourceHasNoDirectorData", "/var/vcap/empty-store");
    }

    @Test
    void aFailingSshSetupBlocksWithTheAgentsErrorAndDoesNotFloodTheDirector() throws Exception {
        processWorld();
        // Primary's VM lacks a group the agent puts ephemeral users in: every setup fails after useradd
        var primaryVm = world.processHostOf(world.directorVm("primary").orElseThrow().cid()).orElseThrow();
        assertThat(primaryVm.inside(Duration.ofSeconds(20), "groupdel", "admin").ok()).isTrue();
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        microSshSecret(ssh);
        operator.createPair(world, spec -> bootstrap(spec, ssh));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Blocked", "True", "SshAccessFailed"));
        assertThat(operator.condition("Blocked").orElseThrow().getMessage())
                .contains("Adding user to groups: Shelling out to usermod");
        // one cleanup and one setup per attempt, one attempt a minute: not a flood of failing ssh tasks
        await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(20)).until(() -> sshRequests("micro") <= 2);
        assertThat(operator.events("SshAccessFailed")).as("one block, besides the conditions' transitions")
                .filteredOn(e -> e.getMessage().startsWith("ssh access")).hasSize(1);
    }

    private long sshRequests(String key) {
        return world.requests(key).stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/ssh")).count();
    }

    @Test
    void aMicroPostgresKilledByTheStopIsNotCleanlyShutDown() throws Exception {
        processWorld();
        // the Micro's postgres hangs: bpm stop's INT and QUIT go unheard, the kill leaves the cluster "in
        // production" and postmaster.pid saying 2 (bpm's PID namespace); /proc/2 exists on the VM (kthreadd), so a
        // PID check would call it running. It serves the director until then: the preflight passes.
        world.faults().hangPostgres("micro");
        Path store = world.directorVm("micro").orElseThrow().diskPath();
        assertThat(Path.of("/proc/2")).exists();

        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        microSshSecret(ssh);
        operator.createPair(world, spec -> bootstrap(spec, ssh));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Blocked", "True", "SourceNotCleanlyShutDown"));
        assertThat(operator.condition("Blocked").orElseThrow().getMessage()).contains("postgres-15", "in production");
        assertThat(Files.readString(store.resolve("postgres-15/postmaster.pid"))).startsWith("2\n");
        assertThat(operator.events("SourcePostgresRunning")).isEmpty();
        assertThat(operator.pair().getStatus().getOperation().getStep()).isEqualTo("StoppingDirectors");
        assertThat(operator.pair().getStatus().getMigration().getMetaStoreAside()).as("Meta's store untouched").isNull();
        assertThat(operator.pair().getStatus().getMigration().getCopyAttempt()).as("nothing copied").isNull();
    }

    @Test
    void aPostgresOutsideMonitStillRunningOnTheMicro() throws Exception {
        processWorld();
        // a second postgres, started by hand as bpm would (its postmaster.pid says 2), on an old data directory
        var micro = world.processHostOf(world.directorVm("micro").orElseThrow().cid()).orElseThrow();
        String old = "/var/vcap/store/postgres-13";
        assertThat(micro.inside(Duration.ofSeconds(20), "sh", "-c", "mkdir -p " + old + "/global && echo 13 > " + old
                + "/PG_VERSION && (setsid nohup env --default-signal=INT,QUIT unshare --pid --fork --kill-child "
                + micro.dir().bin().resolve("postgres-init") + " " + old + " >/dev/null 2>&1 </dev/null &); "
                + "for i in $(seq 200); do [ -s " + old + "/postmaster.pid ] && exit 0; sleep 0.05; done; exit 1").ok())
                .isTrue();
        refusedWithoutActionOverSsh("SourcePostgresRunning", null);
        assertThat(operator.condition("Migrated").orElseThrow().getMessage()).contains("postgres-13", "in production");
    }

    private void refusedWithoutActionOverSsh(String reason, String microStorePath) throws Exception {
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        microSshSecret(ssh);
        String microStore = store("micro");
        String metaStore = store("meta");
        operator.createPair(world, spec -> {
            bootstrap(spec, ssh);
            spec.getBootstrap().getMicro().setStorePath(microStorePath != null ? microStorePath : "/var/vcap/store");
        });
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Migrated", "False", reason) && !operator.events(reason).isEmpty());
        assertThat(operator.is("Blocked", "True", reason)).isTrue();
        assertThat(operator.pair().getStatus().getHistory()).anyMatch(r -> "Refused".equals(r.getResult()));
        assertThat(store("micro")).isEqualTo(microStore);
        assertThat(store("meta")).isEqualTo(metaStore);
        assertThat(changes("micro")).as("the Micro was only read, through its jumpbox").isEmpty();
        assertThat(changes("meta")).isEmpty();
        assertThat(world.runningDirector("micro")).isPresent();
        assertThat(world.runningDirector("meta")).isPresent();
    }

    private void refusedWithoutAction(String reason, Consumer<BinaryBoshPairSpec> change) throws Exception {
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        microSshSecret(null);
        String microStore = store("micro");
        String metaStore = store("meta");
        operator.createPair(world, spec -> {
            bootstrap(spec, null);
            change.accept(spec);
        });
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Migrated", "False", reason) && !operator.events(reason).isEmpty());
        assertThat(operator.is("Blocked", "True", reason)).isTrue();
        assertThat(operator.condition("Migrated").orElseThrow().getMessage()).startsWith("migration refused: ");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> operator.is("Migrated", "False", reason) && operator.pair().getStatus().getOperation() == null);
        if (!swappedSpec) {
            assertThat(store("micro")).isEqualTo(microStore);
        }
        assertThat(store("meta")).isEqualTo(metaStore);
        for (String key : List.of("micro", "primary", "meta")) {
            assertThat(changes(key)).as("requests to " + key + " beyond observation").isEmpty();
        }
    }

    /** Requests to a director that could change it (UAA token requests only read). */
    private List<RecordedRequest> changes(String key) {
        return world.requests(key).stream().filter(r -> !READS.contains(r.method()))
                .filter(r -> !r.path().equals("/oauth/token")).toList();
    }

    private void inJvmWorld(String yaml) {
        world = World.start(WorldSpec.parse(yaml).withNetwork(TestWorlds.randomNetwork()), dir);
    }

    private void processWorld() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, dir);
    }

    /** The Micro's ssh Secret: the world's jumpbox key in process mode; a key never used otherwise. */
    private void microSshSecret(SshEndpoint ssh) throws Exception {
        Map<String, String> data = ssh == null
                ? Map.of("ssh-privatekey", io.binarybosh.operator.shell.DerivedSshKey.derive("unused", "unused", "unused")
                .privateKeyPem(), "known_hosts", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVudXNlZHVudXNlZHVudXNlZHVudXNlZHVudXNl")
                : Map.of("ssh-privatekey", Files.readString(ssh.privateKey()), "known_hosts", ssh.hostKey());
        operator.client().secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("micro-ssh").withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                .withStringData(data).build()).create();
    }

    private void bootstrap(BinaryBoshPairSpec spec, SshEndpoint ssh) {
        if (ssh != null) {
            MigrationSetup.bootstrap(spec, world, ssh, io.binarybosh.operator.model.ApprovalMode.Automatic);
            return;
        }
        MicroDirectorSpec micro = new MicroDirectorSpec();
        micro.setUrl(world.endpoint("micro").url());
        micro.setCaSecretRef(new SecretKeyRef("micro-director", "ca.crt"));
        micro.setCredentialsSecretRef(new SecretRef("micro-director"));
        SshSpec access = new SshSpec();
        access.setHost(ssh == null ? world.endpoint("micro").address() : ssh.host());
        access.setPort(ssh == null ? 22 : ssh.port());
        access.setUser(ssh == null ? "jumpbox" : ssh.user());
        access.setPrivateKeySecretRef(new SecretKeyRef("micro-ssh", "ssh-privatekey"));
        access.setHostKeySecretRef(new SecretKeyRef("micro-ssh", "known_hosts"));
        access.setAuthorizedKeysFile("etc/authorized_keys");
        micro.setSsh(access);
        BootstrapSpec bootstrap = new BootstrapSpec();
        bootstrap.setMicro(micro);
        spec.setBootstrap(bootstrap);
    }

    /** The store's checksum listing, as the operator computes it. */
    private String store(String key) throws Exception {
        return BootstrapMigrationTest.checksum(world.directorVm(key).orElseThrow().diskPath());
    }
}
