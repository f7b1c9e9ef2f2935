package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.MigrationStepRecord;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.binarybosh.operator.model.OperationStep.AWAITING_FENCE_APPROVAL;
import static io.binarybosh.operator.model.OperationStep.FENCING_MICRO;
import static io.binarybosh.operator.model.OperationStep.RESOLVING;
import static io.binarybosh.operator.model.OperationStep.SCANNING;
import static io.binarybosh.operator.model.OperationStep.UNPAUSING_RESURRECTION;
import static io.binarybosh.operator.model.OperationStep.VERIFYING_PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After Meta started: the fence gate, the Micro fenced, Meta's scan and recreate of Primary, Primary verified, the
 * migration closed.
 */
class MigrationAdoptionStepsTest {

    private static final Step MIGRATE = new Step.ContinueOperation(Step.OperationAction.MIGRATE);
    private static final Step FIND_OR_START = new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK);

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    private long scans() {
        return world.log.stream().filter(l -> l.equals("meta POST /deployments/bosh-primary/scans")).count();
    }

    private long resolutions() {
        return world.log.stream().filter(l -> l.startsWith("meta PUT /deployments/bosh-primary/problems")).count();
    }

    // AwaitingFenceApproval

    @Test
    void theFenceApprovalMovesOnWithoutTouchingTheMicro() {
        MigrationPath.manual(world).to(AWAITING_FENCE_APPROVAL);
        int from = world.log.size();
        world.migrate();
        assertThat(world.step()).isEqualTo(FENCING_MICRO);
        assertThat(world.actsSince(from)).isEmpty();
        assertThat(world.events).contains("Normal MigrationApproved");
    }

    @Test
    void aMicroThatAnswersAgainWhileTheApprovalWaitsIsRetiredWithoutIt() {
        MigrationPath.manual(world).to(AWAITING_FENCE_APPROVAL);
        world.continueWith(Step.OperationAction.RETIRE_MICRO);
        assertThat(world.step()).isEqualTo(FENCING_MICRO);
        assertThat(world.events).contains("Warning MicroRetired");
    }

    @Test
    void crashBeforeTheFenceApprovalIsRecordedApprovesOnce() {
        MigrationPath.manual(world).to(AWAITING_FENCE_APPROVAL);
        world.crashAt(StepWorld.record(AWAITING_FENCE_APPROVAL), MIGRATE);
        assertThat(world.step()).isEqualTo(AWAITING_FENCE_APPROVAL);
        world.migrate();
        assertThat(world.migration().getSteps()).extracting(MigrationStepRecord::getStep)
                .containsOnlyOnce(AWAITING_FENCE_APPROVAL.wire());
    }

    // FencingMicro

    @Test
    void theMicrosStoreStaysWhileItsProcessesRun() {
        path.to(FENCING_MICRO);
        world.microVm.processesRunning = true;
        world.microVm.stopIgnored = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(FENCING_MICRO);
        assertThat(world.microVm.asides).isEmpty();
        assertThat(world.log).noneMatch(l -> l.contains("/scans"));
    }

    @Test
    void theMicroIsFencedThenTheOperationActsThroughMetaOnPrimaryAboveAFloor() {
        path.to(FENCING_MICRO);
        world.meta.addTask(TaskState.DONE, "scan cloud", "bosh-primary", null);
        world.migrate();
        assertThat(world.microVm.asides.get(path.microAside())).containsExactly("postgres-15", "director",
                "blobstore");
        assertThat(world.migration().getMicroStoreAside()).isEqualTo(StepWorld.STORE + "/" + path.microAside());
        assertThat(world.step()).isEqualTo(SCANNING);
        assertThat(world.operation().getDirector()).isEqualTo("meta");
        assertThat(world.operation().getTarget()).isEqualTo("primary");
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(world.meta.tasks.get(0).id());
        assertThat(world.operation().getPreviousVmCid()).isEqualTo("vm-p1");
        assertThat(world.events).contains("Normal MicroFenced");
    }

    @Test
    void crashBeforeTheFenceIsRecordedMovesNothingTwice() {
        path.to(FENCING_MICRO);
        world.crashAt(StepWorld.record(FENCING_MICRO), MIGRATE);
        world.migrate();
        assertThat(world.step()).isEqualTo(SCANNING);
        assertThat(world.microVm.asides.get(path.microAside())).containsExactly("postgres-15", "director",
                "blobstore");
        assertThat(world.microVm.store).containsExactly(path.microAside());
    }

    // Scanning

    @Test
    void aScanOfThisOperationAboveTheFloorIsFollowedNotStartedAgain() {
        path.to(SCANNING);
        world.meta.addTask(TaskState.PROCESSING, "scan cloud", "bosh-primary", null);
        world.act(FIND_OR_START);
        assertThat(scans()).isZero();
        assertThat(world.operation().getTaskState()).isEqualTo("processing");
    }

    @Test
    void metaScansPrimarysDeploymentAndTheScanIsFollowedToItsEnd() {
        path.to(SCANNING);
        world.act(FIND_OR_START);
        long task = world.operation().getTaskId();
        assertThat(scans()).isEqualTo(1);
        world.continueWith(Step.OperationAction.FOLLOW_TASK);
        assertThat(world.operation().getTaskState()).isEqualTo("queued");
        world.meta.setTaskState(task, TaskState.DONE);
        world.continueWith(Step.OperationAction.NEXT_STEP);
        assertThat(world.step()).isEqualTo(RESOLVING);
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(task);
    }

    @Test
    void crashBeforeTheScansIdIsRecordedFindsTheScanAgain() {
        path.to(SCANNING);
        world.crashAt(StepWorld.record(SCANNING, "task"), FIND_OR_START);
        assertThat(world.operation().getTaskId()).isNull();
        world.act(FIND_OR_START);
        assertThat(scans()).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isEqualTo(world.meta.tasks.get(world.meta.tasks.size() - 1).id());
    }

    @Test
    void aScanThatEndedBadlyIsRedoneAboveANewFloor() {
        path.to(SCANNING);
        world.act(FIND_OR_START);
        long failed = world.operation().getTaskId();
        world.meta.setTaskState(failed, TaskState.ERROR);
        world.continueWith(Step.OperationAction.REDO);
        assertThat(world.operation().getTaskIdAbove()).isEqualTo(failed);
        assertThat(world.operation().getAttempt()).isEqualTo(2);
        assertThat(world.events).contains("Warning AdoptionRetried");
        world.act(FIND_OR_START);
        assertThat(scans()).isEqualTo(2);
    }

    // Resolving

    @Test
    void nothingToRecreateGoesToVerificationWithoutResolving() {
        world.meta.problems.clear();
        path.to(RESOLVING);
        world.act(FIND_OR_START);
        assertThat(world.step()).isEqualTo(VERIFYING_PRIMARY);
        assertThat(resolutions()).isZero();
    }

    @Test
    void theUnresponsiveAgentIsResolvedWithAnExplicitRecreate() {
        path.to(RESOLVING);
        world.act(FIND_OR_START);
        assertThat(world.log).contains("meta PUT /deployments/bosh-primary/problems {7=recreate_vm}");
        assertThat(world.operation().getTaskId()).isNotNull();
    }

    @Test
    void crashBeforeTheResolutionsIdIsRecordedFindsItAgain() {
        path.to(RESOLVING);
        world.crashAt(StepWorld.record(RESOLVING, "task"), FIND_OR_START);
        world.act(FIND_OR_START);
        assertThat(resolutions()).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isNotNull();
    }

    // VerifyingPrimary

    @Test
    void primaryOnItsOldVmIsWaitedForThenHandedToAPerson() {
        path.to(VERIFYING_PRIMARY);
        world.meta.instances.put("bosh-primary", java.util.List.of(StepWorld.instance("p1")));
        world.migrate();
        assertThat(world.step()).isEqualTo(VERIFYING_PRIMARY);
        assertThat(world.operation().getMessage()).contains("Primary still runs on VM vm-p1");
        world.advance(Duration.ofMinutes(16));
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("PrimaryNotAdopted");
        assertThat(world.log).noneMatch(l -> l.contains("paused=false"));
    }

    @Test
    void anAgentNotRunningOrAPrimaryNotAnsweringIsNotAdopted() {
        path.to(VERIFYING_PRIMARY);
        world.meta.jobStates.put("bosh-primary", "failing");
        world.migrate();
        assertThat(world.operation().getMessage()).contains("Primary's agent reports 'failing' to Meta");
        world.meta.jobStates.clear();
        world.primary.unreachableOn("GET /info");
        world.migrate();
        assertThat(world.operation().getMessage()).contains("Primary's API does not answer yet");
        assertThat(world.step()).isEqualTo(VERIFYING_PRIMARY);
    }

    @Test
    void primaryOnANewVmReportingToMetaIsAdopted() {
        path.to(VERIFYING_PRIMARY);
        world.migrate();
        assertThat(world.step()).isEqualTo(UNPAUSING_RESURRECTION);
        assertThat(world.events).contains("Normal PrimaryAdopted");
    }

    @Test
    void crashBeforeTheAdoptionIsRecordedVerifiesAgain() {
        path.to(VERIFYING_PRIMARY);
        world.crashAt(StepWorld.record(VERIFYING_PRIMARY), MIGRATE);
        world.migrate();
        assertThat(world.step()).isEqualTo(UNPAUSING_RESURRECTION);
    }

    // UnpausingResurrection

    @Test
    void aDirectorStillPausedAfterThePutDoesNotFinishTheMigration() {
        path.to(UNPAUSING_RESURRECTION);
        world.primary.resurrectionObeys = false;
        world.migrate();
        assertThat(world.step()).isEqualTo(UNPAUSING_RESURRECTION);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        assertThat(world.migration().getCompletedTime()).isNull();
    }

    @Test
    void resurrectionIsUnpausedMetasSshUserRemovedAndTheMigrationDone() {
        path.to(UNPAUSING_RESURRECTION);
        world.migrate();
        assertThat(world.meta.resurrectionPaused).isFalse();
        assertThat(world.primary.resurrectionPaused).isFalse();
        assertThat(world.micro.resurrectionPaused).as("the fenced Micro stays as it is").isTrue();
        assertThat(world.log).contains("primary POST /deployments/bosh-meta/ssh cleanup user=" + user());
        assertThat(finished().getResult()).isEqualTo("Succeeded");
        assertThat(world.migration().getCompletedTime()).isEqualTo(world.now().toString());
        assertThat(world.migration().getShellAccess()).isNull();
    }

    @Test
    void crashBeforeTheCloseIsRecordedClosesOnce() {
        path.to(UNPAUSING_RESURRECTION);
        world.crashAt(StepWorld.record(UNPAUSING_RESURRECTION), MIGRATE);
        world.migrate();
        assertThat(finished().getResult()).isEqualTo("Succeeded");
        assertThat(world.migration().getSteps()).extracting(MigrationStepRecord::getStep)
                .containsOnlyOnce(UNPAUSING_RESURRECTION.wire());
    }

    @Test
    void crashBeforeTheFinishIsRecordedFinishesOnceWithOneStepRecord() {
        path.to(UNPAUSING_RESURRECTION);
        world.crashAt(StepWorld.record(UNPAUSING_RESURRECTION, "finish"), MIGRATE);
        assertThat(world.migration().getCompletedTime()).isNotNull();
        world.migrate();
        assertThat(world.stored.getStatus().getHistory()).hasSize(1);
        assertThat(world.migration().getSteps()).extracting(MigrationStepRecord::getStep)
                .containsOnlyOnce(UNPAUSING_RESURRECTION.wire());
    }

    private String user() {
        String id = world.stored.getStatus().getHistory().get(0).getId();
        return "bosh_bbo" + id.substring(id.length() - 8);
    }

    private OperationRecord finished() {
        assertThat(world.operation()).as("the operation is finished").isNull();
        return world.stored.getStatus().getHistory().get(0);
    }
}
