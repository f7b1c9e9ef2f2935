package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.status.Conditions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bootstrap migration done by the operator on a world with real sshd, monit and rsync: from Primary deployed by
 * the Micro and Meta deployed by Primary to Meta and Primary managing each other, then each resurrecting the other.
 */
// whole migrations in process mode (ssh with sudo, a dozen operator restarts, a 768 MiB copy done twice): above the
// 120 s default on a loaded machine
@ExtendWith(ProcessWorldLock.class)
@org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class BootstrapMigrationTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofMinutes(4);

    @BeforeEach
    void needsRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
    }

    @Test
    void theOperatorMigratesFromTheMicroAndEachDirectorThenResurrectsTheOther() throws Exception {
        startWorldAndOperator(ApprovalMode.Automatic);
        Vm microVm = world.directorVm("micro").orElseThrow();
        Vm metaVm = world.directorVm("meta").orElseThrow();
        String microUuid = new BoshHttp(world.endpoint("micro")).login().path("uuid").asText();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = sampleMetaDuringCopy(samples);

        await().atMost(LONG).until(() -> operator.is("Migrated", "True"));
        sampler.shutdownNow();
        await().atMost(LONG).until(() -> operator.is("MutuallyManaged", "True") && operator.is("Ready", "True"));

        MigrationStatus migration = operator.pair().getStatus().getMigration();
        OperationRecord record = operator.pair().getStatus().getHistory().stream()
                .filter(r -> "Migration".equals(r.getType())).findFirst().orElseThrow();
        assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Succeeded");
        assertThat(migration.getCopyVerified()).isTrue();
        assertThat(migration.getSteps()).extracting(s -> s.getStep()).containsExactly("Preflight", "PausingResurrection",
                "StoppingDirectors", "MovingMetaStoreAside", "CopyingStore", "VerifyingCopy", "StartingMeta",
                "FencingMicro", "Scanning", "Resolving", "VerifyingPrimary", "UnpausingResurrection");
        assertThat(migration.getTargetChecksum()).isEqualTo(migration.getSourceChecksum());
        assertThat(samples).as("Meta's director never ran between the store move and the verified copy")
                .isNotEmpty().noneMatch(s -> s.endsWith("running"));
        for (String reason : List.of("MigrationStarted", "PreflightPassed", "ResurrectionPaused", "DirectorsStopped",
                "MetaStoreMovedAside", "StoreCopied", "CopyVerified", "MetaStarted", "MicroFenced", "PrimaryAdopted",
                "MigrationSucceeded")) {
            assertThat(operator.events(reason)).as(reason).isNotEmpty();
        }

        // the Micro's store as it was at the copy, moved aside on its disk, equals what Meta received
        Path microAside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        assertThat(checksum(microAside)).isEqualTo(migration.getSourceChecksum());
        assertThat(microAside.resolve("postgres-15/bosh.json")).exists();
        assertThat(single(metaVm.diskPath(), ".binarybosh-meta-before-migration-").resolve("postgres-15"))
                .as("Meta's own store moved aside, not deleted").isDirectory();
        assertThat(new BoshHttp(world.endpoint("meta")).login().path("uuid").asText()).isEqualTo(microUuid);

        // Primary on a new VM whose agent reports to Meta; resurrection on in both
        assertThat(world.directorVm("primary").orElseThrow().cid()).isNotEqualTo(migration.getPrimaryVmCid());
        assertThat(world.directorVm("primary").orElseThrow().agent().settings().mbusAddress())
                .isEqualTo(metaVm.address());
        assertThat(recreateTasks()).hasSize(1);

        // a restarted Micro is an empty director
        world.faults().startJobs(microVm.cid());
        await().atMost(LONG).until(() -> world.runningDirector("micro").isPresent());
        BoshHttp micro = new BoshHttp(world.endpoint("micro"));
        assertThat(micro.login().path("uuid").asText()).isNotEqualTo(microUuid);
        assertThat(micro.get("/deployments").names()).isEmpty();

        // each resurrects the other
        Duration bound = world.timings().seconds(30 + 60 + 60 + 60 + 60).plusSeconds(30);
        String primaryCid = world.directorVm("primary").orElseThrow().cid();
        world.faults().killDirectorVm("primary");
        await().atMost(bound).until(() -> world.runningDirector("primary").isPresent());
        assertThat(world.directorVm("primary").orElseThrow().cid()).isNotEqualTo(primaryCid);
        assertThat(world.director("meta").healthMonitor().scanAndFixRequests()).anyMatch(r -> r.startsWith("bosh-primary "));
        world.faults().killDirectorVm("meta");
        await().atMost(bound).until(() -> world.runningDirector("meta").isPresent());
        assertThat(world.director("primary").healthMonitor().scanAndFixRequests()).anyMatch(r -> r.startsWith("bosh-meta "));
        assertThat(new BoshHttp(world.endpoint("meta")).login().path("uuid").asText()).isEqualTo(microUuid);
        await().atMost(LONG).until(() -> operator.is("MutuallyManaged", "True"));
    }

    private void startWorldAndOperator(ApprovalMode approval) throws IOException {
        startWorld();
        startOperator(approval);
    }

    private void startWorld() {
        world = ProcessWorlds.start(ProcessWorlds.THREE, dir);
    }

    private void startOperator(ApprovalMode approval) throws IOException {
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, approval);
        operator.start();
    }

    @Test
    void anOperatorKilledAtEveryStepResumesAndAnInterruptedCopyIsRedone() throws Exception {
        startWorld();
        // a store big enough that the copy can be interrupted midway
        Vm microVm = world.directorVm("micro").orElseThrow();
        try (var blob = new java.io.RandomAccessFile(microVm.diskPath().resolve("blobstore/store/big-blob").toFile(), "rw")) {
            blob.setLength(768L << 20);
        }
        startOperator(ApprovalMode.Automatic);
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = sampleMetaDuringCopy(samples);
        List<String> killedAt = new ArrayList<>();
        String[] last = {null};
        boolean[] interrupted = {false};
        // Every 10 ms, one read a look: a step that only calls a director (PausingResurrection) can be over in
        // less than 50 ms once the operator has started again.
        await().atMost(LONG).pollInterval(Duration.ofMillis(10)).until(() -> {
            var pair = operator.pair();
            var op = pair == null || pair.getStatus() == null ? null : pair.getStatus().getOperation();
            if (op != null && "CopyingStore".equals(op.getStep()) && !interrupted[0]) {
                interrupted[0] = killCopy(world, op.getId());
            }
            if (op != null && !op.getStep().equals(last[0])) {
                last[0] = op.getStep();
                killedAt.add(op.getStep());
                operator.stop();
                operator.start();
                return false;
            }
            return pair != null && pair.getStatus() != null
                    && Conditions.find(pair.getStatus().getConditions(), "Migrated")
                            .map(c -> "True".equals(c.getStatus())).orElse(false);
        });
        sampler.shutdownNow();
        assertThat(killedAt).containsSubsequence("Preflight", "PausingResurrection", "StoppingDirectors",
                "MovingMetaStoreAside", "CopyingStore", "VerifyingCopy", "StartingMeta", "FencingMicro", "Scanning",
                "Resolving", "VerifyingPrimary", "UnpausingResurrection");
        assertThat(interrupted[0]).as("the copy was caught running").isTrue();
        MigrationStatus migration = operator.pair().getStatus().getMigration();
        assertThat(migration.getCopyAttempt()).isGreaterThanOrEqualTo(2);
        assertThat(operator.events("CopyRedone")).isNotEmpty();
        assertThat(samples).as("Meta's director never ran on a partial copy").isNotEmpty()
                .noneMatch(s -> s.endsWith("running"));
        assertThat(migration.getTargetChecksum()).isEqualTo(migration.getSourceChecksum());
        assertThat(checksum(single(microVm.diskPath(), ".binarybosh-micro-fenced-"))).isEqualTo(migration.getSourceChecksum());
        assertThat(recreateTasks()).as("exactly one recreate of Primary, whatever the restarts").hasSize(1);
        assertThat(operator.events("MigrationStarted")).hasSize(1);
        await().atMost(LONG).until(() -> operator.is("MutuallyManaged", "True"));
    }

    @Test
    void manualApprovalThroughKubectlStopsBeforeTheCopyAndBeforeTheFenceAndPauseHoldsBetweenSteps() throws Exception {
        startWorldAndOperator(ApprovalMode.Manual);
        Kubectl kubectl = operator.kubectl();
        Assumptions.assumeTrue(kubectl.available(), "kubectl is not installed");
        await().atMost(LONG).until(() -> step().equals("AwaitingApproval"));
        String id = operator.pair().getStatus().getOperation().getId();
        assertThat(operator.events("ApprovalRequired")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("binarybosh.io/approve=" + id));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                world.runningDirector("micro").isPresent() && world.runningDirector("meta").isPresent()
                        && step().equals("AwaitingApproval"));

        String waiting = describe(kubectl);
        assertThat(waiting).contains("Step:", "AwaitingApproval", "binarybosh.io/approve=" + id, "Preflight");
        kubectl("annotate", "bbp", OperatorUnderTest.PAIR, "binarybosh.io/approve=" + id);
        await().atMost(LONG).until(() -> step().equals("AwaitingFenceApproval"));
        assertThat(describe(kubectl)).contains("Migrating", "Copy Verified:", "true", "ApprovalRequired");
        Path microStore = world.directorVm("micro").orElseThrow().diskPath();
        assertThat(microStore.resolve("postgres-15/bosh.json")).as("the Micro is not fenced yet").exists();
        assertThat(world.runningDirector("meta")).as("Meta runs on the verified copy").isPresent();

        kubectl("annotate", "bbp", OperatorUnderTest.PAIR, "binarybosh.io/paused=true");
        kubectl("annotate", "--overwrite", "bbp", OperatorUnderTest.PAIR, "binarybosh.io/approve=" + id + "-fence");
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                step().equals("AwaitingFenceApproval") && "Paused".equals(operator.phase()));
        kubectl("annotate", "--overwrite", "bbp", OperatorUnderTest.PAIR, "binarybosh.io/paused=false");
        await().atMost(LONG).until(() -> operator.is("Migrated", "True"));
        assertThat(microStore.resolve("postgres-15")).as("fenced: moved aside").doesNotExist();
    }

    private String kubectl(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("-n", OperatorUnderTest.NAMESPACE));
        return operator.kubectl().run(all.toArray(String[]::new)).orThrow().stdout();
    }

    private static String describe(Kubectl kubectl) {
        return kubectl.run("describe", "bbp", OperatorUnderTest.PAIR, "-n", OperatorUnderTest.NAMESPACE).orThrow()
                .stdout();
    }

    private String step() {
        var pair = operator.pair();
        return pair == null || pair.getStatus() == null || pair.getStatus().getOperation() == null ? ""
                : pair.getStatus().getOperation().getStep();
    }

    /** Kills the copy's rsync with the shell that waits for it, as a VM reboot or an OOM kill would. */
    private static boolean killCopy(World world, String operationId) throws Exception {
        // the operation's working folder on Meta's VM (operator shell/WorkDir), in the VM's own /var/vcap
        Path pidFile = world.processHostOf(world.directorVm("meta").orElseThrow().cid()).orElseThrow().dir().vcap()
                .resolve("data/binarybosh/" + operationId + "/attempt-1.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        String pid = Files.readString(pidFile).trim();
        if (pid.isEmpty() || !Files.exists(Path.of("/proc/" + pid))) {
            return false;
        }
        Process kill = new ProcessBuilder("kill", "-9", "--", "-" + pid).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return kill.exitValue() == 0;
    }

    /** Records, while the store is moved and copied, whether Meta's director runs: a look every 50 ms. */
    private ScheduledExecutorService sampleMetaDuringCopy(List<String> samples) {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            var pair = operator.pair();
            var op = pair == null || pair.getStatus() == null ? null : pair.getStatus().getOperation();
            if (op != null && List.of("MovingMetaStoreAside", "CopyingStore", "VerifyingCopy").contains(op.getStep())) {
                samples.add(op.getStep() + " " + (world.runningDirector("meta").isPresent() ? "running" : "stopped"));
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private List<String> recreateTasks() {
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        List<String> out = new ArrayList<>();
        for (var task : meta.get("/tasks?deployment=bosh-primary&limit=200&verbose=2").json()) {
            if ("apply resolutions".equals(task.path("description").asText())) {
                out.add(task.path("id").asText());
            }
        }
        return out;
    }

    private static Path single(Path parent, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> found = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(prefix + " in " + parent).hasSize(1);
            return found.get(0);
        }
    }

    /**
     * The operator's checksum listing, computed here with the same tools, independently of the operator: every
     * file's hash line, the lines sorted bytewise (the operator may hash in parallel), then the other entries' names.
     */
    static String checksum(Path store) throws Exception {
        String script = "cd '" + store + "' && { find . -path './.binarybosh-*' -prune -o -type f -print0 | LC_ALL=C sort -z"
                + " | xargs -0r b2sum | LC_ALL=C sort; find . -path './.binarybosh-*' -prune -o ! -type f -print | LC_ALL=C sort; }"
                + " | sha256sum | cut -d ' ' -f 1";
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
