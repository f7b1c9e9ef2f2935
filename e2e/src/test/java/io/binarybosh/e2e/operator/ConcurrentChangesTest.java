package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.kube.ApiRequest;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStatus;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.binarybosh.e2e.operator.FaultEvidence.asides;
import static io.binarybosh.e2e.operator.FaultEvidence.fingerprint;
import static io.binarybosh.e2e.operator.FaultEvidence.single;
import static io.binarybosh.e2e.operator.FaultEvidence.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix's rows of concurrent change, on one world, in order: the pair deleted mid-migration (its
 * finalizer makes the deletion an abort, run with the operator killed between each of its actions and their
 * records: the directors back as before, then the pair gone); the pair declared
 * again and migrated while another writer changes it before every status write (each first attempt refused with
 * 409, the operator reads again and decides anew). Two replicas without leader election: {@link TwoReplicasTest}.
 * Each proves from store fingerprints that nothing is lost and from the directors' request logs and the VMs' ssh
 * command logs that nothing is done twice. The operator runs in JVMs of its own ({@link OperatorJvm}).
 */
@ExtendWith(ProcessWorldLock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentChangesTest {

    private static final Duration RUN = Duration.ofSeconds(150);
    private static final Path LOGS = Path.of("target", "fault-matrix-concurrent");
    private static final String SCANS = "/deployments/bosh-primary/scans";
    private static final String PROBLEMS = "/deployments/bosh-primary/problems";
    /** Where the abort records each step back: the operator is killed just before each record, once. */
    static final List<String> ABORT_POINTS = List.of("record:AwaitingFenceApproval", "record:AbortStoppingMeta",
            "record:AbortRestoringMetaStore", "record:AbortStartingDirectors:finish");

    @TempDir
    static Path dir;
    static World world;
    static OperatorUnderTest api;
    static FaultEvidence evidence;
    static final List<OperatorJvm> running = new ArrayList<>();
    static int runs;

    @BeforeAll
    static void world() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, Files.createDirectory(dir.resolve("world")));
        Files.createDirectories(LOGS);
        try (var old = Files.list(LOGS)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        api = new OperatorUnderTest();
        evidence = new FaultEvidence(world, api);
    }

    @AfterAll
    static void close() throws InterruptedException {
        stopOperators();
        if (api != null) {
            api.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aPairDeletedMidMigrationIsAbortedFirstAndLeavesTheDirectorsAsBefore() throws Exception {
        Vm microVm = world.directorVm("micro").orElseThrow();
        Vm metaVm = world.directorVm("meta").orElseThrow();
        FaultEvidence.Before before = evidence.before();
        MigrationSetup.declare(api, world, ApprovalMode.Manual);

        start(1);
        String[] id = {null};
        awaitOperators("the migration waiting for the fence approval", () -> {
            OperationStatus operation = api.operation();
            if (operation != null && "AwaitingApproval".equals(operation.getStep())
                    && !operation.getId().equals(api.annotation("binarybosh.io/approve"))) {
                onConflictLater(() -> api.annotate("binarybosh.io/approve", operation.getId()));
            }
            if (operation != null) {
                id[0] = operation.getId();
            }
            return operation != null && "AwaitingFenceApproval".equals(operation.getStep());
        });
        // past every destructive step but the fence: Meta runs on the Micro's data, its own store moved aside
        assertThat(world.runningDirector("meta")).isPresent();
        assertThat(fingerprint(metaVm.diskPath())).isEqualTo(fingerprint(microVm.diskPath()));
        assertThat(asides(metaVm.diskPath())).hasSize(1);

        // The abort the deletion starts, with the operator killed between each of its actions and their records.
        stopOperators();
        api.client().resources(BinaryBoshPair.class).inNamespace(OperatorUnderTest.NAMESPACE)
                .withName(OperatorUnderTest.PAIR).delete();
        assertThat(killedAt(ABORT_POINTS, () -> api.pair() == null)).containsExactlyElementsOf(ABORT_POINTS);

        api.expectEvents("MigrationAborting", 1);
        assertThat(api.events("MigrationAborting").get(0).getMessage()).contains("the pair is being deleted");
        List<String> metaCommands = evidence.abortedAsBefore(before, RUN);
        // The run killed before the restore's record moved the store back; the next sent the restore again, which
        // found Meta's own store in place and moved nothing (abortedAsBefore: nothing aside within the copy's).
        assertThat(FaultEvidence.restores(metaCommands))
                .as("Meta's store moved back by the killed run, looked at again by the next").hasSize(2);
        assertThat(api.events("MigrationStarted")).hasSize(1);
        assertThat(id[0]).isNotNull();
    }

    @Test
    @Order(2)
    void aMigrationWhoseEveryStatusWriteIsFirstRefusedEndsWithNothingLostAndNothingDoneTwice() throws Exception {
        Assumptions.assumeTrue(api.pair() == null, "the first test leaves the world without a pair");
        stopOperators();
        Vm microVm = world.directorVm("micro").orElseThrow();
        Vm metaVm = world.directorVm("meta").orElseThrow();
        String primaryCid = world.directorVm("primary").orElseThrow().cid();
        String microBefore = fingerprint(microVm.diskPath());
        String metaBefore = fingerprint(metaVm.diskPath());
        api.applyPair(world, spec -> MigrationSetup.bootstrap(spec, world, world.ssh("micro").orElseThrow(),
                ApprovalMode.Automatic));
        int apiRequestsBefore = api.apiRequests().size();
        api.foreignWriterBeforeStatusWrites(true);
        try {
            start(1);
            awaitOperators("the migration done", () -> evidence.finished("Migration"));
        } finally {
            api.foreignWriterBeforeStatusWrites(false);
        }

        OperationRecord record = evidence.record("Migration");
        assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Succeeded");
        List<ApiRequest> statusWrites = statusWrites(apiRequestsBefore);
        System.out.printf("fault matrix: %d status writes during the migration, %d foreign changes%n",
                statusWrites.size(), api.foreignChanges());
        assertThat(statusWrites).as("an intent and a record per step at least").hasSizeGreaterThan(30);
        for (int i = 0; i < statusWrites.size(); i++) {
            assertThat(statusWrites.get(i).code()).as("each write's first attempt refused: write " + i + " of "
                    + statusWrites.size()).isEqualTo(i % 2 == 0 ? 409 : 200);
        }
        assertThat(api.foreignChanges()).isEqualTo((statusWrites.size() + 1) / 2);
        MigrationStatus migration = api.pair().getStatus().getMigration();
        assertThat(FaultEvidence.stepsOnce(migration)).as("each step logged once, none skipped")
                .doesNotHaveDuplicates().containsSubsequence("Preflight", "PausingResurrection",
                        "StoppingDirectors", "MovingMetaStoreAside", "CopyingStore", "VerifyingCopy", "StartingMeta",
                        "FencingMicro", "Scanning", "Resolving", "VerifyingPrimary", "UnpausingResurrection");

        // nothing lost
        Path microAside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        assertThat(fingerprint(microAside)).isEqualTo(microBefore);
        assertThat(fingerprint(metaVm.diskPath())).as("Meta's store is the Micro's").isEqualTo(microBefore);
        Path metaAside = single(metaVm.diskPath(), ".binarybosh-meta-before-migration-");
        assertThat(fingerprint(metaAside)).as("Meta's own store, moved aside once").isEqualTo(metaBefore);
        assertThat(asides(metaAside)).as("nothing moved aside twice").isEmpty();
        // nothing done twice: one scan, one recreate, rsync and the source's listing once per copy attempt
        assertThat(evidence.requests("meta", "POST", SCANS)).as("one scan").hasSize(1);
        assertThat(evidence.requests("meta", "PUT", PROBLEMS)).as("one recreate").hasSize(1);
        assertThat(new Directors(world).tasksByAdmin("meta", "bosh-primary", "apply resolutions")).hasSize(1);
        assertThat(world.directorVm("primary").orElseThrow().cid()).isNotEqualTo(primaryCid);
        int attempts = migration.getCopyAttempt();
        List<String> metaCommands = evidence.commands(metaVm);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            String pidFile = "/attempt-" + attempt + ".pid";
            assertThat(metaCommands).as("rsync started once for attempt " + attempt)
                    .filteredOn(c -> c.contains("nohup") && c.contains(pidFile) && c.contains(record.getId()))
                    .hasSize(1);
        }
        assertThat(evidence.commands(microVm)).as("the source's checksum listing started once per attempt")
                .filteredOn(c -> c.contains("nohup") && c.contains("/source-sum.pid")
                        && c.contains("binarybosh/" + record.getId())).hasSize(attempts);
        for (String key : List.of("micro", "primary", "meta")) {
            // pausing is redone when its record is refused (idempotent, docs/architecture.md)
            assertThat(evidence.resurrection(key, true)).as(key + " paused by this migration too")
                    .hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(api.events("MigrationStarted")).as("the first test's and this one's").hasSize(2);
        await().atMost(RUN).until(() -> api.is("MutuallyManaged", "True"));
    }

    /**
     * Runs one operator at a time until {@code done}, each run halted at the first of {@code points} it reaches
     * ({@link KilledRuns}); returns where the runs halted, in order. The last run keeps running.
     */
    private static List<String> killedAt(List<String> points, BooleanSupplier done) throws InterruptedException {
        KilledRuns.Outcome outcome = KilledRuns.until(api.kubeconfig(), points,
                () -> LOGS.resolve("operator-" + (++runs) + ".log"), RUN, done, () -> { });
        running.add(outcome.last());
        return outcome.halted();
    }

    /** Starts {@code replicas} operators, leader election off (the default), on the test's API. */
    private static void start(int replicas) {
        for (int i = 0; i < replicas; i++) {
            running.add(OperatorJvm.start(api.kubeconfig(), List.of(), LOGS.resolve("operator-" + (++runs) + ".log")));
        }
    }

    private static void stopOperators() throws InterruptedException {
        for (OperatorJvm jvm : running) {
            jvm.close();
        }
        running.clear();
    }

    private static void awaitOperators(String what, BooleanSupplier done) {
        try {
            await(what).atMost(RUN).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (OperatorJvm jvm : running) {
                    if (!jvm.alive()) {
                        throw new AssertionError("operator exited " + jvm.exitCode() + ":\n" + tail(jvm.output()));
                    }
                }
                return done.getAsBoolean();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder outputs = new StringBuilder(e.getMessage());
            for (OperatorJvm jvm : running) {
                outputs.append("\n--- ").append(jvm.log()).append(":\n").append(tail(jvm.output()));
            }
            throw new AssertionError(outputs.toString(), e);
        }
    }

    /** The writes of a pair's status subresource since request {@code from}, with their answers. */
    private static List<ApiRequest> statusWrites(int from) {
        List<ApiRequest> all = api.apiRequests();
        return all.subList(from, all.size()).stream().filter(r -> !r.method().equals("GET")
                && r.path().contains("/binaryboshpairs/" + OperatorUnderTest.PAIR + "/status")).toList();
    }

    /**
     * Runs a person's change of the pair; one refused with 409 (the operator wrote in between, and the client's
     * patch names the version it read) is left for the next look, as a person tries again. Whether it went through.
     */
    private static boolean onConflictLater(Runnable change) {
        try {
            change.run();
            return true;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            return false;
        }
    }
}
