package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.DirectorRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.binarybosh.operator.model.OperationStep.AWAITING_APPROVAL;
import static io.binarybosh.operator.model.OperationStep.DEPLOYING;
import static io.binarybosh.operator.model.OperationStep.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/** Primary's drifted manifest deployed through Meta: AwaitingApproval, Deploying (Verifying is the decision's). */
class DeployStepsTest {

    private static final Step START = new Step.StartDeploy(DirectorRole.PRIMARY, DirectorRole.META);
    private static final Step FIND_OR_START = new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK);
    private static final Step NEXT = new Step.ContinueOperation(Step.OperationAction.NEXT_STEP);
    private static final String DESIRED = "name: bosh-primary\ninstance_groups: []\n";

    private StepWorld world;

    @BeforeEach
    void metaManagesPrimary() {
        world = new StepWorld();
        world.meta.deployments.put("bosh-primary", "name: bosh-primary\n");
        world.meta.instances.put("bosh-primary", List.of(StepWorld.instance("p1")));
        world.desiredPrimaryManifest = DESIRED;
    }

    private List<String> deploys() {
        return world.directorChanges().stream().filter(l -> l.startsWith("meta POST /deployments ")).toList();
    }

    @Test
    void aManualDeployWaitsForTheApprovalWithoutTouchingADirector() {
        world.stored.getSpec().setApproval(ApprovalMode.Manual);
        world.act(START);
        assertThat(world.step()).isEqualTo(AWAITING_APPROVAL);
        assertThat(world.actsSince(0)).isEmpty();
        assertThat(world.events).contains("Normal ApprovalRequired");
    }

    @Test
    void crashBeforeTheApprovalIsRecordedDeploysOnce() {
        world.stored.getSpec().setApproval(ApprovalMode.Manual);
        world.act(START);
        world.crashAt(StepWorld.record(AWAITING_APPROVAL), new Step.ContinueOperation(
                Step.OperationAction.BEGIN_AFTER_APPROVAL));
        assertThat(deploys()).isEmpty();
        world.continueWith(Step.OperationAction.BEGIN_AFTER_APPROVAL);
        assertThat(world.step()).isEqualTo(DEPLOYING);
        assertThat(deploys()).hasSize(1);
    }

    @Test
    void anUnreadableDesiredManifestIsNeverDeployed() {
        world.desiredPrimaryManifest = null;
        world.act(START);
        assertThat(deploys()).isEmpty();
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.operation().getMessage()).contains("cannot be read now");
    }

    @Test
    void theDesiredManifestIsDeployedWithTheOperationAsContextId() {
        world.act(START);
        String id = world.operation().getId();
        assertThat(world.log).containsSubsequence("write status Deploy/Deploying task=null",
                "meta POST /deployments bosh-primary context=" + id, "write status Deploy/Deploying task=101");
        assertThat(world.meta.deployments.get("bosh-primary")).isEqualTo(DESIRED);
    }

    @Test
    void crashBeforeTheDeploysIdIsRecordedFindsItByItsContextId() {
        world.crashAt(StepWorld.record(DEPLOYING, "task"), START);
        assertThat(world.operation().getTaskId()).isNull();
        world.act(FIND_OR_START);
        assertThat(deploys()).hasSize(1);
        assertThat(world.operation().getTaskId()).isEqualTo(101L);
    }

    @Test
    void crashBeforeTheDeploysEndIsRecordedMovesOnOnce() {
        world.act(START);
        world.meta.setTaskState(101, TaskState.DONE);
        world.crashAt(StepWorld.record(DEPLOYING), NEXT);
        world.act(NEXT);
        assertThat(world.step()).isEqualTo(VERIFYING);
        assertThat(deploys()).hasSize(1);
    }
}
