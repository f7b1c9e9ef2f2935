package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessSweep;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.operation.migration.Retry;
import io.fabric8.kubernetes.api.model.Event;
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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.binarybosh.e2e.operator.FaultEvidence.asides;
import static io.binarybosh.e2e.operator.FaultEvidence.at;
import static io.binarybosh.e2e.operator.FaultEvidence.fingerprint;
import static io.binarybosh.e2e.operator.FaultEvidence.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix's rows about the copy, on one world and one migration, in order: Meta's persistent disk fills
 * up while rsync writes to it (the attempt fails with ENOSPC: {@code MetaDiskFull} at once; space is freed and
 * the documented retry copies again), the copy's ssh connection is dropped mid-rsync (the attempt is redone), and Meta's
 * VM reboots mid-copy ({@code Faults.rebootVm}: the attempt is redone once Meta is proven stopped again). Nothing
 * lost: both old stores moved aside whole, Meta ends on the Micro's data. Nothing done twice: one rsync per attempt,
 * Meta never started before its copy was verified, one scan and one recreate of Primary.
 */
@ExtendWith(ProcessWorldLock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CopyFaultsTest {

    private static final long BLOB = 192L << 20;
    private static final int META_DISK_MB = 768;
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String RSYNC_START = "nohup\\ setsid";

    @TempDir
    static Path dir;
    static World world;
    static OperatorUnderTest api;
    static String microBefore;
    static String metaBefore;
    static Vm microVm;
    static Vm metaVm;
    static String primaryCid;
    static String operationId;
    static int roundOneAttempts;
    static Instant rebootedAt;

    @BeforeAll
    static void worldAndPair() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        // sized disks: Meta's persistent disk is a file system of its own, which can fill up
        world = ProcessWorlds.start(ProcessWorlds.THREE.replace("mode: process", "mode: process\nsizedDisks: true")
                .replace("secret: meta-secret}", "secret: meta-secret, persistentDisk: " + META_DISK_MB + "}"),
                Files.createDirectory(dir.resolve("world")));
        microVm = world.directorVm("micro").orElseThrow();
        metaVm = world.directorVm("meta").orElseThrow();
        primaryCid = world.directorVm("primary").orElseThrow().cid();
        // a store whose copy lasts long enough to be caught running; random bytes, so that every byte is written
        Path blob = microVm.diskPath().resolve("blobstore/store/big-blob");
        Files.createDirectories(blob.getParent());
        Random random = new Random(14);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(blob)) {
            for (long written = 0; written < BLOB; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        microBefore = fingerprint(microVm.diskPath());
        metaBefore = fingerprint(metaVm.diskPath());
        api = new OperatorUnderTest();
        MigrationSetup.declare(api, world, ApprovalMode.Automatic);
        api.start();
    }

    @AfterAll
    static void close() {
        if (api != null) {
            api.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void metasDiskFullMidCopyStopsAtMetaDiskFullWithMetaStoppedAndTheRetryCopiesAgainOnceSpaceIsFreed()
            throws Exception {
        await("attempt 1 copying").atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> copying(1));
        operationId = api.operation().getId();
        // something else writes on Meta's persistent disk while rsync does (here beside Meta's old store, moved
        // aside, where the copy's --delete does not reach): the disk is full before the blob is. rsync is held
        // meanwhile, so that the disk fills mid-copy however fast the machine copies.
        List<Long> held = holdCopy();
        Path metaAside = single(metaVm.diskPath(), ".binarybosh-meta-before-migration-");
        Path filler = metaAside.resolve("filler");
        Process fill = new ProcessBuilder("dd", "if=/dev/zero", "of=" + filler, "bs=1M").redirectErrorStream(true)
                .start();
        assertThat(fill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String dd = new String(fill.getInputStream().readAllBytes());
        assertThat(dd).as("dd wrote until the disk was full").contains("No space left on device");
        resume(held);

        await("MetaDiskFull").atMost(WAIT).until(() -> "MetaDiskFull".equals(migration().getBlockedReason()));

        MigrationStatus migration = migration();
        roundOneAttempts = migration.getCopyAttempt();
        System.out.println("copy faults: " + migration.getBlockedMessage());
        assertThat(roundOneAttempts).as("not redone into the full disk").isEqualTo(1);
        assertThat(api.events("CopyRedone")).isEmpty();
        assertThat(api.events("MetaDiskFull")).as("one event of the stop (the others are the conditions')")
                .filteredOn(e -> e.getMessage().startsWith("copy attempt 1 ran out of space")).hasSize(1);
        assertThat(migration.getBlockedMessage()).contains("No space left on device", "binarybosh.io/approve="
                + Retry.value(api.operation(), migration), "binarybosh.io/abort=" + operationId);
        assertThat(api.is("Blocked", "True")).isTrue();
        // Meta stays stopped on its partial copy; the copy key is gone from the Micro
        assertThat(world.runningDirector("meta")).isEmpty();
        assertThat(evidence().commands(metaVm)).noneMatch(c -> c.contains("monit\\ start\\ all"));
        assertThat(migration.getSteps()).noneMatch(s -> "StartingMeta".equals(s.getStep()));
        assertThat(microAuthorizedKeys()).doesNotContain("binarybosh-copy-" + operationId);
        String log = Files.readString(workDir().resolve("attempt-" + roundOneAttempts + ".log"));
        assertThat(log).as("rsync's own account").contains("No space left on device");

        // a person frees the space and lets the operator copy again, as the condition says
        Files.delete(filler);
        api.annotate("binarybosh.io/approve", Retry.value(api.operation(), migration));
        await("the retry").atMost(WAIT).until(() -> migration().getBlockedReason() == null
                && !api.events("MigrationRetried").isEmpty());
        assertThat(migration().getRetries()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anSshConnectionDroppedMidRsyncFailsTheAttemptWhichIsRedone() throws Exception {
        Assumptions.assumeTrue(operationId != null, "the retried migration goes on");
        int redoneBefore = api.events("CopyRedone").size();
        await("attempt 1 of the retry copying").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> migration().getCopyAttempt() == 1 && copying(1));

        // the copy's connection is cut: its ssh client on Meta dies (as when the network drops it), rsync held
        // meanwhile so that the cut lands mid-copy
        List<Long> held = holdCopy();
        List<Long> ssh = ProcessSweep.find("/var/vcap/data/binarybosh/" + operationId + "/key -p").stream()
                .filter(pid -> ProcessSweep.commandLine(pid).startsWith("ssh ")).toList();
        assertThat(ssh).as("the copy's ssh on Meta").isNotEmpty();
        ssh.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        resume(held);

        await("the redo").atMost(WAIT).until(() -> api.events("CopyRedone").size() > redoneBefore);
        List<Event> redone = api.events("CopyRedone");
        redone.forEach(e -> System.out.println("copy faults: CopyRedone " + e.getMessage()));
        assertThat(redone).as("one redo").hasSize(redoneBefore + 1);
        assertThat(redone.get(redone.size() - 1).getMessage()).as("rsync saw its connection end")
                .contains("copy attempt 1 ended with rsync exit code");
        assertThat(migration().getCopyAttempt()).isEqualTo(2);
        assertThat(world.runningDirector("meta")).isEmpty();
    }

    @Test
    @Order(3)
    void metasVmRebootedMidCopyIsStoppedAgainBeforeTheCopyIsRedoneAndStartsOnlyOnAVerifiedCopy()
            throws Exception {
        Assumptions.assumeTrue(operationId != null, "the retried migration goes on");
        int redoneBefore = api.events("CopyRedone").size();
        await("attempt 2 copying").atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> copying(2));

        // rsync held, so that the reboot lands mid-copy (the reboot kills it, held or not)
        holdCopy();
        rebootedAt = Instant.now();
        world.faults().rebootVm(metaVm.cid());
        System.out.println("copy faults: Meta rebooted; its director runs: " + world.runningDirector("meta")
                .isPresent());

        await("the migration").atMost(Duration.ofSeconds(200)).until(() -> history().isPresent());
        OperationRecord record = history().orElseThrow();
        assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Succeeded");
        MigrationStatus migration = api.pair().getStatus().getMigration();
        List<Event> redone = api.events("CopyRedone");
        redone.forEach(e -> System.out.println("copy faults: CopyRedone " + e.getMessage()));
        assertThat(redone).as("attempt 2 redone after the reboot")
                .filteredOn(e -> e.getMessage().contains("copy attempt 2")).hasSize(1);
        int attempts = migration.getCopyAttempt();
        assertThat(attempts).isGreaterThanOrEqualTo(3);

        // nothing lost: Meta runs on the Micro's data, both old stores moved aside whole, once
        assertThat(migration.getTargetChecksum()).isEqualTo(migration.getSourceChecksum());
        assertThat(fingerprint(metaVm.diskPath())).as("Meta's store is the Micro's").isEqualTo(microBefore);
        Path metaAside = single(metaVm.diskPath(), ".binarybosh-meta-before-migration-");
        assertThat(fingerprint(metaAside)).as("Meta's own store, moved aside once").isEqualTo(metaBefore);
        assertThat(asides(metaAside)).isEmpty();
        Path microAside = single(microVm.diskPath(), ".binarybosh-micro-fenced-");
        assertThat(fingerprint(microAside)).isEqualTo(microBefore);

        // nothing done twice: rsync started once per attempt of each round (the retry numbers them from 1 again)
        List<String> metaCommands = evidence().commands(metaVm);
        for (int attempt = 1; attempt <= Math.max(roundOneAttempts, attempts); attempt++) {
            String pidFile = "/attempt-" + attempt + ".pid";
            int rounds = (attempt <= roundOneAttempts ? 1 : 0) + (attempt <= attempts ? 1 : 0);
            assertThat(metaCommands).as("rsync started for attempt " + attempt + " in each round reaching it")
                    .filteredOn(c -> c.contains(RSYNC_START) && c.contains(pidFile)).hasSize(rounds);
        }
        // Meta proven stopped after its reboot before the next attempt started, and started only after the last
        String afterReboot = metaCommands.stream().filter(c -> c.contains(RSYNC_START)
                && c.contains("/attempt-3.pid") && at(c).isAfter(rebootedAt)).findFirst().orElseThrow();
        assertThat(metaCommands).as("monit stop all on Meta between its reboot and the next rsync")
                .anyMatch(c -> c.contains("monit\\ stop\\ all") && at(c).isAfter(rebootedAt)
                        && !at(c).isAfter(at(afterReboot)));
        Instant lastRsync = metaCommands.stream().filter(c -> c.contains(RSYNC_START)).map(FaultEvidence::at)
                .max(Instant::compareTo).orElseThrow();
        assertThat(metaCommands).filteredOn(c -> c.contains("monit\\ start\\ all")).isNotEmpty()
                .allMatch(c -> at(c).isAfter(lastRsync));
        assertThat(evidence().requests("meta", "POST", "/deployments/bosh-primary/scans")).hasSize(1);
        assertThat(evidence().requests("meta", "PUT", "/deployments/bosh-primary/problems")).hasSize(1);
        assertThat(world.directorVm("primary").orElseThrow().cid()).isNotEqualTo(primaryCid);
        assertThat(api.events("MigrationStarted")).hasSize(1);
        assertThat(api.events("MigrationRetried")).hasSize(1);
        assertThat(api.pair().getStatus().getHistory()).filteredOn(r -> "Migration".equals(r.getType())).hasSize(1);
        await().atMost(WAIT).until(() -> api.is("MutuallyManaged", "True"));
    }

    /**
     * Stops the copy's rsync on Meta where it is (SIGSTOP), so that a fault injected next lands mid-copy whatever the
     * machine's speed; {@link #resume} lets it go on. Stopping a process is what a loaded machine may do to it.
     */
    private static List<Long> holdCopy() throws IOException, InterruptedException {
        List<Long> rsync = ProcessSweep.find("/var/vcap/data/binarybosh/" + api.operation().getId() + "/key").stream()
                .filter(pid -> ProcessSweep.commandLine(pid).startsWith("rsync ")).toList();
        assertThat(rsync).as("the copy's rsync on Meta, still running").isNotEmpty();
        signal("STOP", rsync);
        return rsync;
    }

    private static void resume(List<Long> pids) throws IOException, InterruptedException {
        signal("CONT", pids);
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(kill.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** Attempt N's rsync runs on Meta and has begun to transfer (its progress log is no longer empty). */
    private static boolean copying(int attempt) {
        try {
            OperationStatus operation = api.operation();
            if (operation == null || !"CopyingStore".equals(operation.getStep())) {
                return false;
            }
            Path work = world.processHostOf(metaVm.cid()).orElseThrow().dir().vcap()
                    .resolve("data/binarybosh/" + operation.getId());
            Path pid = work.resolve("attempt-" + attempt + ".pid");
            Path log = work.resolve("attempt-" + attempt + ".log");
            if (!Files.exists(pid) || Files.exists(work.resolve("attempt-" + attempt + ".exit")) || !Files.exists(log)) {
                return false;
            }
            String number = Files.readString(pid).trim();
            return !number.isEmpty() && Files.exists(Path.of("/proc", number)) && Files.size(log) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path workDir() {
        return world.processHostOf(metaVm.cid()).orElseThrow().dir().vcap().resolve("data/binarybosh/" + operationId);
    }

    private static String microAuthorizedKeys() {
        return world.processHostOf(microVm.cid()).orElseThrow()
                .inside(Duration.ofSeconds(20), "cat", "/home/jumpbox/.ssh/authorized_keys").output();
    }

    private static MigrationStatus migration() {
        return api.pair().getStatus().getMigration();
    }

    private static java.util.Optional<OperationRecord> history() {
        BinaryBoshPair pair = api.pair();
        return pair == null || pair.getStatus() == null ? java.util.Optional.empty() : pair.getStatus().getHistory()
                .stream().filter(r -> "Migration".equals(r.getType())).findFirst();
    }

    private static FaultEvidence evidence() {
        return new FaultEvidence(world, api);
    }
}
