package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.binarybosh.e2e.operator.FaultEvidence.fingerprint;
import static io.binarybosh.e2e.operator.FaultEvidence.single;
import static io.binarybosh.e2e.operator.FaultEvidence.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix's row "two replicas without leader election": two operator JVMs on one API and one world migrate
 * the pair; exactly one may act on each step (one scan, one recreate, rsync once per copy attempt). Optimistic
 * locking alone does not give that (two replicas that read the same version both act before either writes): each
 * replica acts only while it holds the lease on the operation in flight ({@code status.operation.holder}), taken by
 * a status write before it acts; the other waits ({@code OperationHeldByAnotherReplica}).
 */
@ExtendWith(ProcessWorldLock.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TwoReplicasTest {

    @TempDir
    Path dir;

    @Test
    void twoReplicasWithoutLeaderElectionMigrateWithOneActionPerStep() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        Path logs = Files.createDirectories(Path.of("target", "fault-matrix-replicas"));
        try (World world = ProcessWorlds.start(ProcessWorlds.THREE, Files.createDirectory(dir.resolve("world")));
             OperatorUnderTest api = new OperatorUnderTest()) {
            FaultEvidence evidence = new FaultEvidence(world, api);
            Vm microVm = world.directorVm("micro").orElseThrow();
            Vm metaVm = world.directorVm("meta").orElseThrow();
            String microBefore = fingerprint(microVm.diskPath());
            MigrationSetup.declare(api, world, ApprovalMode.Automatic);
            Files.deleteIfExists(logs.resolve("replica-1.log"));
            Files.deleteIfExists(logs.resolve("replica-2.log"));
            try (OperatorJvm one = OperatorJvm.start(api.kubeconfig(), List.of(), logs.resolve("replica-1.log"),
                    "replica-1");
                 OperatorJvm two = OperatorJvm.start(api.kubeconfig(), List.of(), logs.resolve("replica-2.log"),
                         "replica-2")) {
                try {
                    await("the migration done").atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofMillis(200))
                            .until(() -> evidence.finished("Migration"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "\n" + tail(one.output()) + "\n" + tail(two.output()),
                            e);
                }
                assertThat(one.alive() && two.alive()).isTrue();
                // Both reconciled the pair: one of them waited for the other's lease.
                assertThat(one.output() + two.output()).contains("step=Wait:OperationHeldByAnotherReplica");
            }
            OperationRecord record = evidence.record("Migration");
            assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Succeeded");
            MigrationStatus migration = api.pair().getStatus().getMigration();
            assertThat(FaultEvidence.stepsOnce(migration)).doesNotHaveDuplicates();
            assertThat(fingerprint(single(microVm.diskPath(), ".binarybosh-micro-fenced-"))).isEqualTo(microBefore);
            assertThat(fingerprint(metaVm.diskPath())).isEqualTo(microBefore);
            assertThat(evidence.requests("meta", "POST", "/deployments/bosh-primary/scans")).hasSize(1);
            assertThat(evidence.requests("meta", "PUT", "/deployments/bosh-primary/problems")).hasSize(1);
            for (int attempt = 1; attempt <= migration.getCopyAttempt(); attempt++) {
                String pidFile = "/attempt-" + attempt + ".pid";
                assertThat(evidence.commands(metaVm)).filteredOn(c -> c.contains("nohup") && c.contains(pidFile))
                        .hasSize(1);
            }
        }
    }
}
