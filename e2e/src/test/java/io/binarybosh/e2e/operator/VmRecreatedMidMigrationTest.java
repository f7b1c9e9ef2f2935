package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.ShellAccessStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meta's VM recreated while a manual migration waits for its approval: Primary's health monitor resurrects it (a new
 * VM CID and a new host key at the same address, the persistent disk attached again, as bosh-director's
 * recreate_handler.rb and a stemcell's first boot, base_ubuntu_firstboot, make it). The operator never logs in with
 * the key the VM offers: it sees Primary show another VM than the one recorded at preflight, opens access again
 * through Primary (VmReplaced), and the migration goes on to the copy.
 */
@ExtendWith(ProcessWorldLock.class)
class VmRecreatedMidMigrationTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(100);

    @Test
    void aMetaVmRecreatedByPrimaryGetsAccessAgainThroughPrimaryAndTheMigrationGoesOn() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, dir);
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, ApprovalMode.Manual);
        operator.start();
        await().atMost(LONG).until(() -> "AwaitingApproval".equals(step()));
        String id = operator.pair().getStatus().getOperation().getId();
        Vm old = world.directorVm("meta").orElseThrow();
        assertThat(metaAccess().getVmCid()).isEqualTo(old.cid());

        world.faults().killDirectorVm("meta");
        await().atMost(LONG).pollInterval(Duration.ofMillis(100)).until(() -> world.runningDirector("meta")
                .isPresent());
        Vm recreated = world.directorVm("meta").orElseThrow();
        assertThat(recreated.cid()).isNotEqualTo(old.cid());
        assertThat(recreated.hostPublicKey()).isNotEqualTo(old.hostPublicKey());
        // the approval runs the start-time checks again on what is observed: Meta must be seen answering again
        await().atMost(LONG).until(() -> recreated.cid().equals(operator.pair().getStatus().getMeta().getVmCid())
                && operator.is("MetaReachable", "True") && operator.is("MetaHealthy", "True"));

        operator.annotate("binarybosh.io/approve", id);
        await().atMost(LONG).until(() -> !operator.events("VmReplaced").isEmpty());
        assertThat(operator.events("VmReplaced").get(0).getMessage()).contains(recreated.cid(), old.cid(), "SHA256:")
                .doesNotContain("AAAA");
        assertThat(operator.events("VmHostKeyChanged")).as("the key was explained by Primary").isEmpty();
        assertThat(metaAccess().getVmCid()).isEqualTo(recreated.cid());
        assertThat(metaAccess().getHostKey().trim()).isEqualTo(recreated.hostPublicKey().trim());
        await().atMost(LONG).until(() -> "AwaitingFenceApproval".equals(step()));
        assertThat(operator.pair().getStatus().getMigration().getCopyVerified()).isTrue();
    }

    private String step() {
        var pair = operator.pair();
        return pair == null || pair.getStatus() == null || pair.getStatus().getOperation() == null ? ""
                : pair.getStatus().getOperation().getStep();
    }

    private ShellAccessStatus metaAccess() {
        return operator.pair().getStatus().getMigration().getShellAccess().stream()
                .filter(a -> "meta".equals(a.getRole())).findFirst().orElseThrow();
    }
}
