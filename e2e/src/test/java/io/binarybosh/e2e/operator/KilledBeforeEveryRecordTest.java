package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.binarybosh.e2e.operator.FaultEvidence.asides;
import static io.binarybosh.e2e.operator.FaultEvidence.fingerprint;
import static io.binarybosh.e2e.operator.FaultEvidence.single;
import static io.binarybosh.e2e.operator.FaultEvidence.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix's first row: the operator, in a JVM of its own, killed between each action and its record. For
 * the migration, a repair and the fence, the operator is started with the fault hook's halt points of every step
 * not yet passed ({@code binarybosh.test.haltBefore}), so that each run dies (as SIGKILL ends it) right after one
 * step acted and before its outcome was written, then is started again; the last run has no halt point. Each
 * operation must end as if nothing had happened: store fingerprints prove nothing lost, the directors' request logs
 * and the VMs' command logs prove no action done twice. One world for the three, in order: the migration leaves
 * the pair that the repair and the fence act on.
 */
@ExtendWith(ProcessWorldLock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KilledBeforeEveryRecordTest {

    /** Every point between a migration step's action and its record, in the order a migration reaches them. */
    static final List<String> MIGRATION_POINTS = List.of("record:Preflight", "record:AwaitingApproval",
            "record:PausingResurrection", "record:StoppingDirectors", "record:MovingMetaStoreAside",
            "record:CopyingStore:redo", "record:CopyingStore", "record:VerifyingCopy:redo", "record:VerifyingCopy",
            "record:StartingMeta:redo", "record:StartingMeta",
            "record:AwaitingFenceApproval", "record:FencingMicro", "record:Scanning:task", "record:Scanning",
            "record:Resolving:task", "record:Resolving", "record:VerifyingPrimary", "record:UnpausingResurrection",
            "record:UnpausingResurrection:finish");
    /**
     * Where the redo that Meta's restart mid-copy causes is recorded depends on when the restart shows (during the
     * copy, at its verification, or before Meta is started): one of them is reached, the others not.
     */
    static final Set<String> REDO_POINTS = Set.of("record:CopyingStore:redo", "record:VerifyingCopy:redo",
            "record:StartingMeta:redo");
    static final List<String> REPAIR_POINTS = List.of("record:Scanning:task", "record:Scanning",
            "record:Resolving:task", "record:Resolving", "record:Verifying:finish");
    static final List<String> FENCE_POINTS = List.of("record:StoppingProcesses:finish");
    private static final Duration RUN = Duration.ofSeconds(90);
    private static final long BIG_BLOB = 320L << 20;
    /** Each run's output, kept after the test (the module's target folder) to tell where a failing run was. */
    private static final Path LOGS = Path.of("target", "fault-matrix");

    @TempDir
    static Path dir;
    static World world;
    static OperatorUnderTest api;
    static int runs;
    static String microBefore;
    static FaultEvidence evidence;
    /** The operator's last run, left running by {@link #runKilledAt}. */
    static OperatorJvm last;

    @BeforeAll
    static void worldAndPair() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, Files.createDirectory(dir.resolve("world")));
        // the API and the test's view of it; the operator itself runs only in its own JVMs
        Files.createDirectories(LOGS);
        try (Stream<Path> old = Files.list(LOGS)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        api = new OperatorUnderTest();
        evidence = new FaultEvidence(world, api);
        // a store whose copy lasts long enough to be caught running
        Path blob = world.directorVm("micro").orElseThrow().diskPath().resolve("blobstore/store/big-blob");
        try (var file = new java.io.RandomAccessFile(blob.toFile(), "rw")) {
            file.setLength(BIG_BLOB);
        }
        MigrationSetup.declare(api, world, ApprovalMode.Manual);
    }

    @AfterAll
    static void close() throws InterruptedException {
        if (last != null) {
            last.close();
        }
        if (api != null) {
            api.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aMigrationKilledAfterEveryStepsActionEndsWithNothingLostAndNothingDoneTwice() throws Exception {
        Vm microVm = world.directorVm("micro").orElseThrow();
        Vm metaVm = world.directorVm("meta").orElseThrow();
        String primaryCid = world.directorVm("primary").orElseThrow().cid();
        microBefore = fingerprint(microVm.diskPath());
        String metaBefore = fingerprint(metaVm.diskPath());

        boolean[] metaRebooted = {false};
        boolean[] microRebooted = {false};
        List<String> halted = runKilledAt(MIGRATION_POINTS, () -> evidence.finished("Migration"), () -> {
            BinaryBoshPair now = api.pair();
            var operation = now == null || now.getStatus() == null ? null : now.getStatus().getOperation();
            String step = operation == null ? "" : operation.getStep();
            if (step.equals("AwaitingApproval") && !approved(operation.getId())) {
                try {
                    api.annotate("binarybosh.io/approve", operation.getId());
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    // a conflict with the operator's write: a person tries again, as the next look does
                }
            } else if (step.equals("CopyingStore") && !metaRebooted[0] && copyRunning(operation.getId())) {
                // Meta's VM restarted mid-copy: its monit starts the director on the half-copied store (in the
                // background: the world's startJobs waits for a director that the operator stops again)
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        world.faults().startJobs(metaVm.cid());
                    } catch (IllegalStateException e) {
                        System.out.println("fault matrix: Meta's director did not stay up: " + e.getMessage());
                    }
                });
                metaRebooted[0] = true;
            } else if (step.equals("AwaitingFenceApproval") && !microRebooted[0]) {
                // the Micro's VM restarted while the fence approval waits: it runs on the data Meta took over (in the
                // background, as for Meta: the operator may fence the Micro before startJobs sees its director up)
                java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        world.faults().startJobs(microVm.cid());
                    } catch (IllegalStateException e) {
                        System.out.println("fault matrix: the Micro's director did not stay up: " + e.getMessage());
                    }
                });
                microRebooted[0] = true;
            }
        });

        assertThat(halted).as("each run died at the next step's record").containsExactlyElementsOf(MIGRATION_POINTS
                .stream().filter(point -> halted.contains(point) || !REDO_POINTS.contains(point)).toList());
        assertThat(halted).as("the redo Meta's restart caused was recorded, and killed before").containsAnyElementsOf(
                REDO_POINTS);
        BinaryBoshPair pair = api.pair();
        MigrationStatus migration = pair.getStatus().getMigration();
        OperationRecord record = evidence.record("Migration");
        assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Succeeded");
        api.events("CopyRedone").forEach(e -> System.out.println("fault matrix: CopyRedone " + e.getMessage()));
        // a copy that fails its verification is redone: that cycle may repeat, the rest is logged once
        assertThat(FaultEvidence.stepsOnce(migration)).as("each step logged once")
                .containsExactly("Preflight", "AwaitingApproval", "PausingResurrection", "StoppingDirectors",
                        "MovingMetaStoreAside", "CopyingStore", "VerifyingCopy", "StartingMeta", "AwaitingFenceApproval",
                        "FencingMicro", "Scanning", "Resolving", "VerifyingPrimary", "UnpausingResurrection");
        assertThat(metaRebooted[0] && microRebooted[0]).isTrue();
        // Meta's director started on attempt 1's half copy: that attempt is redone, because the operator saw Meta
        // run or (killed before recording that) because the verification found the stores differ
        assertThat(api.events("CopyRedone")).as("one redo per attempt after the first")
                .hasSize(migration.getCopyAttempt() - 1).anySatisfy(e -> assertThat(e.getMessage())
                        .contains("copy attempt 1"));
        assertThat(api.events("MicroRetired")).as("the rebooted Micro fenced without the approval").hasSize(1);
        assertThat(approved(record.getId() + "-fence")).as("nobody approved the fence").isFalse();

        // nothing lost: the Micro's store moved aside whole, Meta runs on the same data, Meta's own store kept
        Path microAside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        assertThat(fingerprint(microAside)).isEqualTo(microBefore);
        assertThat(migration.getTargetChecksum()).isEqualTo(migration.getSourceChecksum());
        assertThat(fingerprint(metaVm.diskPath())).as("Meta's store is the Micro's").isEqualTo(microBefore);
        Path metaAside = single(metaVm.diskPath(), ".binarybosh-meta-before-migration-");
        assertThat(fingerprint(metaAside)).as("Meta's own store, moved aside once").isEqualTo(metaBefore);
        assertThat(asides(metaAside)).as("nothing moved aside twice").isEmpty();
        assertThat(asides(microAside)).isEmpty();

        // nothing done twice: one scan and one recreate of Primary by Meta, rsync and the source's listing once for
        // each of the two copy attempts
        assertThat(evidence.requests("meta", "POST", "/deployments/bosh-primary/scans")).hasSize(1);
        assertThat(evidence.requests("meta", "PUT", "/deployments/bosh-primary/problems")).hasSize(1);
        Directors directors = new Directors(world);
        assertThat(directors.tasksByAdmin("meta", "bosh-primary", "apply resolutions")).hasSize(1);
        assertThat(world.directorVm("primary").orElseThrow().cid()).isNotEqualTo(primaryCid);
        String operationId = record.getId();
        List<String> metaCommands = evidence.commands(metaVm);
        int attempts = migration.getCopyAttempt();
        assertThat(attempts).as("Meta's restart mid-copy made a second attempt").isGreaterThanOrEqualTo(2);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String pidFile = "/attempt-" + attempt + ".pid";
            assertThat(metaCommands).as("rsync started once for attempt " + attempt)
                    .filteredOn(c -> c.contains("nohup") && c.contains(pidFile)).hasSize(1);
        }
        assertThat(metaCommands).noneMatch(c -> c.contains("/attempt-" + (attempts + 1) + "."));
        assertThat(evidence.commands(microVm)).as("the source's checksum listing started once per attempt")
                .filteredOn(c -> c.contains("nohup") && c.contains("/source-sum.pid")
                        && c.contains("binarybosh/" + operationId)).hasSize(attempts);

        // resurrection paused on the three before anything stopped, unpaused on Meta and Primary only at the end
        Instant firstStop = evidence.firstCommand(metaVm, "monit\\ stop\\ all");
        for (String key : List.of("micro", "primary", "meta")) {
            List<RecordedRequest> puts = evidence.requests(key, "PUT", "/resurrection");
            List<RecordedRequest> pauses = puts.stream().filter(r -> r.jsonBody().contains("true")).toList();
            assertThat(pauses).as(key + " paused").isNotEmpty().allMatch(r -> r.at().isBefore(firstStop));
            List<RecordedRequest> unpauses = puts.stream().filter(r -> r.jsonBody().contains("false")).toList();
            if (key.equals("micro")) {
                assertThat(unpauses).as("the Micro is never unpaused").isEmpty();
            } else {
                assertThat(unpauses).as(key + " unpaused").isNotEmpty();
                assertThat(pauses.get(pauses.size() - 1).at()).isBefore(unpauses.get(0).at());
                assertThat(puts.get(puts.size() - 1).jsonBody()).contains("false");
            }
        }
        assertThat(api.events("MigrationStarted")).hasSize(1);
        await().atMost(RUN).until(() -> api.is("MutuallyManaged", "True"));
    }

    @Test
    @Order(2)
    void aRepairKilledAfterEveryStepsActionRecreatesPrimaryOnceWithItsData() throws Exception {
        Assumptions.assumeTrue(evidence.finished("Migration"), "the migration brings the pair this test repairs");
        last.close();
        new Directors(world).silenceResurrectionOf("meta", "bosh-primary");
        api.client().resources(BinaryBoshPair.class).inNamespace(OperatorUnderTest.NAMESPACE)
                .withName(OperatorUnderTest.PAIR).edit(p -> {
                    p.getSpec().getHealth().setForceRecreateAfterSeconds(3);
                    // the migration was approved by hand; the repair goes on its own
                    p.getSpec().setApproval(ApprovalMode.Automatic);
                    return p;
                });
        Vm primaryVm = world.directorVm("primary").orElseThrow();
        String primaryBefore = fingerprint(primaryVm.diskPath());
        int scans = evidence.requests("meta", "POST", "/deployments/bosh-primary/scans").size();
        int resolutions = evidence.requests("meta", "PUT", "/deployments/bosh-primary/problems").size();
        world.faults().killDirectorVm("primary");

        List<String> halted = runKilledAt(REPAIR_POINTS, () -> evidence.finished("Repair"), () -> { });

        assertThat(halted).containsExactlyElementsOf(REPAIR_POINTS);
        OperationRecord repair = api.pair().getStatus().getHistory().get(0);
        assertThat(repair.getType()).isEqualTo("Repair");
        assertThat(repair.getResult()).as(repair.getMessage()).isEqualTo("Succeeded");
        assertThat(api.pair().getStatus().getHistory()).filteredOn(r -> "Repair".equals(r.getType())).hasSize(1);
        assertThat(evidence.requests("meta", "POST", "/deployments/bosh-primary/scans")).as("one scan")
                .hasSize(scans + 1);
        assertThat(evidence.requests("meta", "PUT", "/deployments/bosh-primary/problems")).as("one recreate")
                .hasSize(resolutions + 1);
        assertThat(new Directors(world).tasksByAdmin("meta", "bosh-primary", "apply resolutions"))
                .as("the migration's and the repair's").hasSize(2);
        Vm repaired = world.directorVm("primary").orElseThrow();
        assertThat(repaired.cid()).isNotEqualTo(primaryVm.cid());
        assertThat(world.runningDirector("primary")).isPresent();
        assertThat(fingerprint(repaired.diskPath())).as("Primary's store on its disk, whole").isEqualTo(primaryBefore);
        assertThat(api.events("RepairStarted")).hasSize(1);
    }

    @Test
    @Order(3)
    void aFenceKilledBeforeItsRecordMovesTheMicrosStoreAsideOnce() throws Exception {
        Assumptions.assumeTrue(evidence.finished("Migration"), "the migration brings the pair whose Micro is fenced");
        last.close();
        // a person puts the Micro's store back and reboots it: it answers with the pair's deployments again
        Vm microVm = world.directorVm("micro").orElseThrow();
        Path migrationAside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        try (Stream<Path> entries = Files.list(migrationAside)) {
            for (Path entry : entries.toList()) {
                Files.move(entry, microVm.diskPath().resolve(entry.getFileName()));
            }
        }
        Files.delete(migrationAside);
        world.faults().startJobs(microVm.cid());
        await().atMost(RUN).until(() -> world.runningDirector("micro").isPresent());

        List<String> halted = runKilledAt(FENCE_POINTS, () -> evidence.finished("FenceMicro"), () -> { });

        assertThat(halted).containsExactlyElementsOf(FENCE_POINTS);
        OperationRecord fence = api.pair().getStatus().getHistory().get(0);
        assertThat(fence.getType()).isEqualTo("FenceMicro");
        assertThat(fence.getResult()).as(fence.getMessage()).isEqualTo("Succeeded");
        assertThat(api.pair().getStatus().getHistory()).filteredOn(r -> "FenceMicro".equals(r.getType())).hasSize(1);
        assertThat(api.events("FencingMicro")).as("one fence started, resumed after the kill").hasSize(1);
        assertThat(world.runningDirector("micro")).as("monit stopped the Micro's director").isEmpty();
        Path aside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        assertThat(aside.getFileName().toString()).contains(fence.getId());
        assertThat(fingerprint(aside)).as("the Micro's store, moved aside whole").isEqualTo(microBefore);
        assertThat(asides(aside)).as("nothing moved aside twice").isEmpty();
        try (Stream<Path> entries = Files.list(microVm.diskPath())) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).as("an empty store but for the aside")
                    .containsExactly(aside.getFileName().toString());
        }
        await().atMost(RUN).until(() -> api.is("SplitBrain", "False") && api.is("MutuallyManaged", "True"));
    }

    /**
     * Runs the operator until {@code done}, each run halting at the first of {@code points} not passed yet, the last
     * with none; returns where the runs halted, in order. {@code eachLook} runs at every look at the operator (a
     * person's approval, a fault at a given step). The final run is left running (closed by the next call).
     */
    private List<String> runKilledAt(List<String> points, BooleanSupplier done, Runnable eachLook) throws Exception {
        if (last != null) {
            last.close();
            last = null;
        }
        KilledRuns.Outcome outcome = KilledRuns.until(api.kubeconfig(), points,
                () -> LOGS.resolve("operator-" + (++runs) + ".log"), RUN, done, eachLook);
        last = outcome.last();
        return outcome.halted();
    }

    private static boolean approved(String value) {
        var annotations = api.pair().getMetadata().getAnnotations();
        return annotations != null && value.equals(annotations.get("binarybosh.io/approve"));
    }

    /** The copy's rsync of attempt 1 runs now (its pid file on Meta's VM, whose /tmp is the machine's). */
    private boolean copyRunning(String operationId) {
        try {
            // the operation's working folder on Meta's VM (operator shell/WorkDir), in the VM's own /var/vcap
            Path pidFile = world.processHostOf(world.directorVm("meta").orElseThrow().cid()).orElseThrow().dir()
                    .vcap().resolve("data/binarybosh/" + operationId + "/attempt-1.pid");
            if (!Files.exists(pidFile)) {
                return false;
            }
            String pid = Files.readString(pidFile).trim();
            return !pid.isEmpty() && Files.exists(Path.of("/proc/" + pid))
                    && !Files.exists(pidFile.resolveSibling("attempt-1.exit"));
        } catch (IOException e) {
            return false;
        }
    }
}
