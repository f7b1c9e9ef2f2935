package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.DirectorRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.binarybosh.operator.model.OperationStep.AWAITING_APPROVAL;
import static io.binarybosh.operator.model.OperationStep.RESOLVING;
import static io.binarybosh.operator.model.OperationStep.SCANNING;
import static io.binarybosh.operator.model.OperationStep.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;

/** A down Primary's VM recreated by Meta: AwaitingApproval, Scanning, Resolving (Verifying is the decision's). */
class RepairStepsTest {

    private static final Step START = new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META);
    private static final Step FIND_OR_START = new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK);
    private static final Step NEXT = new Step.ContinueOperation(Step.OperationAction.NEXT_STEP);
    private static final String SCAN = "meta POST /deployments/bosh-primary/scans";

    private StepWorld world;

    /** Meta manages Primary, whose director does not answer. */
    @BeforeEach
    void primaryDown() {
        world = new StepWorld();
        world.primaryDown = true;
        world.meta.deployments.put("bosh-primary", "name: bosh-primary\n");
        world.meta.instances.put("bosh-primary", List.of(StepWorld.instance("p1")));
    }

    private long count(String line) {
        return world.log.stream().filter(line::equals).count();
    }

    private void manual() {
        world.stored.getSpec().setApproval(ApprovalMode.Manual);
    }

    // AwaitingApproval

    @Test
    void aManualRepairWaitsForTheApprovalWithoutTouchingADirector() {
        manual();
        world.act(START);
        assertThat(world.step()).isEqualTo(AWAITING_APPROVAL);
        assertThat(world.actsSince(0)).isEmpty();
        assertThat(world.events).contains("Normal ApprovalRequired");
        assertThat(world.stored.getStatus().getPrimary().getRepairAttempts()).isNull();
    }

    @Test
    void theApprovalTakesAFloorCountsTheAttemptAndScans() {
        manual();
        world.act(START);
        world.meta.addTask(TaskState.DONE, "scan cloud", "bosh-primary", null);
        world.continueWith(Step.OperationAction.BEGIN_AFTER_APPROVAL);
        assertThat(world.step()).isEqualTo(SCANNING);
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(101L);
        assertThat(world.stored.getStatus().getPrimary().getRepairAttempts()).isEqualTo(1);
        assertThat(count(SCAN)).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isEqualTo(102L);
    }

    @Test
    void crashBeforeTheApprovalIsRecordedApprovesAndScansOnce() {
        manual();
        world.act(START);
        world.crashAt(StepWorld.record(AWAITING_APPROVAL), new Step.ContinueOperation(
                Step.OperationAction.BEGIN_AFTER_APPROVAL));
        assertThat(world.step()).isEqualTo(AWAITING_APPROVAL);
        world.continueWith(Step.OperationAction.BEGIN_AFTER_APPROVAL);
        assertThat(count(SCAN)).isEqualTo(1);
        assertThat(world.stored.getStatus().getPrimary().getRepairAttempts()).isEqualTo(1);
    }

    // Scanning

    @Test
    void thePreviousVmAndTheIntentAreWrittenBeforeTheScan() {
        world.act(START);
        assertThat(world.log).containsSubsequence("write status Repair/Scanning task=null",
                "event Warning RepairStarted", "meta GET /tasks deployment=bosh-primary", SCAN,
                "write status Repair/Scanning task=101");
        assertThat(world.operation().getPreviousVmCid()).isEqualTo("vm-p1");
        assertThat(world.operation().getPreviousDeployments()).containsExactly("bosh-meta");
    }

    @Test
    void aPersonsScanBelowTheFloorIsNotTakenForThisOperations() {
        world.meta.addTask(TaskState.PROCESSING, "scan cloud", "bosh-primary", null);
        world.act(START);
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(101L);
        assertThat(count(SCAN)).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isEqualTo(102L);
    }

    @Test
    void crashBeforeTheScansIdIsRecordedFindsTheScanByTheFloor() {
        world.crashAt(StepWorld.record(SCANNING, "task"), START);
        assertThat(world.operation().getTaskId()).isNull();
        world.act(FIND_OR_START);
        assertThat(count(SCAN)).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isEqualTo(101L);
        assertThat(world.operation().getTaskState()).isEqualTo("queued");
    }

    @Test
    void aFailingDirectorIsCountedAndTriedAgainWithAGrowingDelay() {
        world.meta.unreachableOn("POST /deployments/bosh-primary/scans");
        world.act(START);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.operation().getRetryTime()).isEqualTo(world.now().plusSeconds(2).toString());
        world.act(FIND_OR_START);
        assertThat(world.operation().getRetryTime()).isEqualTo(world.now().plusSeconds(4).toString());
        assertThat(world.operation().getTaskId()).isNull();
    }

    @Test
    void crashBeforeTheScansEndIsRecordedMovesOnOnce() {
        world.act(START);
        world.meta.setTaskState(101, TaskState.DONE);
        world.crashAt(StepWorld.record(SCANNING), NEXT);
        assertThat(world.step()).isEqualTo(SCANNING);
        world.act(NEXT);
        assertThat(world.step()).isEqualTo(RESOLVING);
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(101L);
        assertThat(count(SCAN)).isEqualTo(1);
    }

    // Resolving

    private void scanned() {
        world.act(START);
        world.meta.setTaskState(101, TaskState.DONE);
        world.act(NEXT);
    }

    @Test
    void nothingRecreatableIsVerifiedWithoutResolving() {
        world.meta.problems.clear();
        scanned();
        world.act(FIND_OR_START);
        assertThat(world.step()).isEqualTo(VERIFYING);
        assertThat(world.directorChanges()).containsExactly(SCAN);
    }

    @Test
    void onlyRecreatableProblemsAreResolvedWithAnExplicitRecreate() {
        world.meta.problems.add(new io.binarybosh.operator.director.model.Problem(8, "mount_info_mismatch", "disk",
                null, List.of(new io.binarybosh.operator.director.model.Problem.Resolution("ignore", "Skip")),
                "bosh"));
        scanned();
        world.act(FIND_OR_START);
        assertThat(world.directorChanges()).containsExactly(SCAN,
                "meta PUT /deployments/bosh-primary/problems {7=recreate_vm}");
        world.meta.setTaskState(world.operation().getTaskId(), TaskState.DONE);
        world.act(NEXT);
        assertThat(world.step()).isEqualTo(VERIFYING);
    }

    @Test
    void crashBeforeTheResolutionsIdIsRecordedFindsItAgain() {
        scanned();
        world.crashAt(StepWorld.record(RESOLVING, "task"), FIND_OR_START);
        world.act(FIND_OR_START);
        assertThat(world.directorChanges()).containsExactly(SCAN,
                "meta PUT /deployments/bosh-primary/problems {7=recreate_vm}");
        assertThat(world.operation().getTaskId()).isEqualTo(102L);
    }
}
