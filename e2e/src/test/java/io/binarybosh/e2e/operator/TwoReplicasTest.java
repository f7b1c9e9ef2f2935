package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
 * the pair; optimistic locking must let exactly one act on each step (one scan, one recreate, rsync once per copy
 * attempt). Disabled: it fails today. A status write based on a stale version is refused, but two replicas that
 * read the same version both act before either writes: both run the preflight's ssh setup (each removes the other's
 * ssh user first: {@code SshAccessFailed}), and both would start a step's task before either records it. Exclusive
 * acting needs a claim written before each action and honoured by the other replica (a lease with the replica's
 * identity), which the operator does not have yet.
 */
@Disabled("two replicas without leader election act on the same step at once: the operator has no claim yet")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TwoReplicasTest {

    @TempDir
    Path dir;

    @Test
    void twoReplicasWithoutLeaderElectionMigrateWithOneActionPerStep() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        Path logs = Files.createDirectories(Path.of("target", "fault-matrix-replicas"));
        try (World world = World.start(WorldSpec.parse(TestWorlds.THREE_DIRECTORS.replace("timeScale: 0.01",
                "timeScale: 0.02\nmode: process")).withNetwork(TestWorlds.randomNetwork()),
                Files.createDirectory(dir.resolve("world")));
             OperatorUnderTest api = new OperatorUnderTest()) {
            FaultEvidence evidence = new FaultEvidence(world, api);
            Vm microVm = world.directorVm("micro").orElseThrow();
            Vm metaVm = world.directorVm("meta").orElseThrow();
            String microBefore = fingerprint(microVm.diskPath());
            MigrationSetup.declare(api, world, ApprovalMode.Automatic);
            try (OperatorJvm one = OperatorJvm.start(api.kubeconfig(), List.of(), logs.resolve("replica-1.log"));
                 OperatorJvm two = OperatorJvm.start(api.kubeconfig(), List.of(), logs.resolve("replica-2.log"))) {
                try {
                    await("the migration done").atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofMillis(200))
                            .until(() -> evidence.finished("Migration"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "\n" + tail(one.output()) + "\n" + tail(two.output()),
                            e);
                }
                assertThat(one.alive() && two.alive()).isTrue();
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
