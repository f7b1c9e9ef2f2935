package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.model.DirectorRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions the table does not cover: timing, budget, loops, split brain and operations in flight. */
class DeciderTest {

    private final Decider decider = new Decider();
    private Situations world;

    @BeforeEach
    void healthyPair() {
        world = new Situations();
    }

    private Step decide() {
        return decider.decide(world.input());
    }

    private void primaryDeadAndMetaKnowsIt(long secondsDown) {
        world.primary.down(secondsDown);
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
    }

    @Test
    void steadyPairWaitsOnePollInterval() {
        assertThat(decide()).isEqualTo(new Step.Wait(Reason.STEADY, "nothing to do", Duration.ofSeconds(15)));
    }

    @Test
    void theHealthMonitorGetsItsChanceFirst() {
        primaryDeadAndMetaKnowsIt(100);
        Step step = decide();
        assertThat(step).isInstanceOf(Step.Wait.class);
        Step.Wait wait = (Step.Wait) step;
        assertThat(wait.reason().wire()).isEqualTo("AwaitingHealthMonitor");
        assertThat(wait.recheckAfter()).isEqualTo(Duration.ofSeconds(200));
        assertThat(wait.message()).doesNotContain("100s").contains("2026-11-25T11:58:20Z");
    }

    @Test
    void pastForceRecreateTheSurvivorRepairs() {
        primaryDeadAndMetaKnowsIt(301);
        assertThat(decide()).isEqualTo(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        healthyPair();
        world.meta.down(400);
        world.primary.agent = new AgentView(null, null, null, world.now);
        world.primary.vmCid = null;
        assertThat(decide()).isEqualTo(new Step.StartRepair(DirectorRole.META, DirectorRole.PRIMARY));
    }

    @Test
    void aStaleAgentCheckIsNotTrusted() {
        primaryDeadAndMetaKnowsIt(400);
        world.meta.agent = new AgentView("running", "vm-1", "agent-1", world.now.minusSeconds(500));
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.reason().wire()).isEqualTo("AwaitingAgentCheck"));
    }

    @Test
    void aLongRunningTaskOnTheDeploymentIsReportedAsStuck() {
        primaryDeadAndMetaKnowsIt(400);
        world.meta.tasks = List.of(new Task(42, TaskState.PROCESSING, "create deployment", null,
                world.now.minus(Duration.ofHours(2)).getEpochSecond(), null, "admin", "bosh-primary", ""));
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("DeploymentLockedByStuckTask");
            assertThat(b.message()).contains("task 42").contains("cancel-task 42");
        });
        world.pair.getSpec().getHealth().setCancelStuckTasks(true);
        assertThat(decide()).isEqualTo(new Step.CancelStuckTask(DirectorRole.PRIMARY, DirectorRole.META, 42));
        world.meta.tasks = List.of(new Task(43, TaskState.PROCESSING, "create deployment", null,
                world.now.minusSeconds(60).getEpochSecond(), null, "admin", "bosh-primary", ""));
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.reason().wire()).isEqualTo("TaskInFlight"));
    }

    @Test
    void repairsBackOffBetweenAttempts() {
        primaryDeadAndMetaKnowsIt(400);
        world.status.getPrimary().setRepairAttempts(1);
        world.status.getPrimary().setLastRepairTime("2026-11-25T11:58:00Z");
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class, w -> {
            assertThat(w.reason().wire()).isEqualTo("RepairBackoff");
            assertThat(w.recheckAfter()).isEqualTo(Duration.ofSeconds(180));
        });
        world.status.getPrimary().setLastRepairTime("2026-11-25T11:54:00Z");
        assertThat(decide()).isInstanceOf(Step.StartRepair.class);
    }

    @Test
    void aRecentlyRepairedDirectorDoesNotRepairItsPeerAtOnce() {
        primaryDeadAndMetaKnowsIt(400);
        world.status.getMeta().setLastRepairTime("2026-11-25T11:55:00Z");
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class, w -> {
            assertThat(w.reason().wire()).isEqualTo("PeerRecentlyRepaired");
            assertThat(w.recheckAfter()).isEqualTo(Duration.ofSeconds(300));
        });
        world.status.getMeta().setLastRepairTime("2026-11-25T11:49:59Z");
        assertThat(decide()).isInstanceOf(Step.StartRepair.class);
    }

    @Test
    void afterARestartDowntimeCountsFromWhatThisProcessSaw() {
        world.primary.outcome = io.binarybosh.operator.observe.Outcome.UNREACHABLE;
        world.primary.lastAnswered = null;
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        world.status.getPrimary().setLastSeenTime("2026-11-25T11:00:00Z");
        assertThat(decide()).as("silent since this poll only: not down yet, whatever the old status says")
                .isInstanceOfSatisfying(Step.Wait.class, w -> assertThat(w.reason().wire()).isEqualTo("Steady"));
    }

    @Test
    void splitBrainIsFencedFirstWhereTheMicroCanBeReached() {
        world.micro().deployments.put("bosh-primary", false);
        world.micro.holdsManaged = true;
        primaryDeadAndMetaKnowsIt(400);
        assertThat(decide()).isEqualTo(new Step.StartFence());
        world.status.setOperation(repair(OperationStep.SCANNING.wire(), 12L, "processing"));
        assertThat(decide()).as("whatever is in flight, the Micro is fenced at once (the repair is set aside)")
                .isEqualTo(new Step.StartFence());
        world.status.getOperation().setFailures(3);
        world.status.getOperation().setRetryTime(world.now.plusSeconds(60).toString());
        assertThat(decide()).as("nor does a step waiting for its next attempt hold the fence back")
                .isEqualTo(new Step.StartFence());
        world.status.setOperation(null);
        world.pair.getSpec().getBootstrap().getMicro().setSsh(null);
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("SplitBrain");
            assertThat(b.message()).contains("bosh-primary").contains("a person must");
        });
    }

    @Test
    void aFailedFenceBacksOffExponentiallyLetsRepairsGoOnAndStopsAfterFiveAttempts() {
        world.micro().deployments.put("bosh-primary", false);
        world.micro.holdsManaged = true;
        primaryDeadAndMetaKnowsIt(400);
        // after a migration (the Micro came back from the dead holding Primary's deployment)
        io.binarybosh.operator.model.MigrationStatus migrated = new io.binarybosh.operator.model.MigrationStatus();
        migrated.setCompletedTime(world.now.minus(Duration.ofDays(2)).toString());
        world.status.setMigration(migrated);
        Duration poll = world.input().timings().pollInterval();
        failedFence(world.now.minus(poll).plusSeconds(1));
        assertThat(decide()).as("within the back-off, Primary is repaired").isInstanceOf(Step.StartRepair.class);
        world.status.getHistory().clear();
        failedFence(world.now.minus(poll));
        assertThat(decide()).as("the back-off spent: fence again").isEqualTo(new Step.StartFence());
        failedFence(world.now.minus(poll));
        assertThat(decide()).as("two failures: twice the wait").isInstanceOf(Step.StartRepair.class);
        world.status.getHistory().clear();
        for (int i = 0; i < FenceBackoff.MAX_ATTEMPTS; i++) {
            failedFence(world.now.minus(Duration.ofDays(1)));
        }
        assertThat(decide()).as("five failures: no more attempts, repairs still go on").isInstanceOf(Step.StartRepair.class);
        world.primary.outcome = io.binarybosh.operator.observe.Outcome.REACHABLE;
        world.primary.lastAnswered = world.now;
        world.meta.agent = new AgentView("running", "vm-1", "agent-1", world.now);
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("MicroFenceFailed");
            assertThat(b.message()).contains("5 times", "monit: not found", "by hand");
        });
    }

    private void failedFence(java.time.Instant finished) {
        io.binarybosh.operator.model.OperationRecord record = new io.binarybosh.operator.model.OperationRecord();
        record.setType(OperationType.FENCE_MICRO.wire());
        record.setResult(OperationResult.FAILED.wire());
        record.setFinishedTime(finished.toString());
        record.setMessage("fencing the Micro failed: monit: not found");
        world.status.getHistory().add(0, record);
    }

    @Test
    void aFenceInFlightGoesOnEvenWhenTheMicroFellSilent() {
        world.micro();
        OperationStatus fence = new OperationStatus();
        fence.setId("fencemicro-micro-1");
        fence.setType(OperationType.FENCE_MICRO.wire());
        fence.setStep(OperationStep.STOPPING_PROCESSES.wire());
        world.status.setOperation(fence);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.REDO));
    }

    @Test
    void beforeTheMigrationMicroHoldingPrimaryIsNoSplitBrain() {
        world.micro();
        world.meta.holdsManaged = false;
        assertThat(HealthRules.splitBrainDeployment(world.facts())).isEmpty();
        assertThat(world.facts().primary().manager()).isEqualTo(DirectorRole.MICRO);
        primaryDeadAndMetaKnowsIt(400);
        world.meta.holdsManaged = false;
        // the migration is still due, and its preflight needs Primary answering
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class,
                b -> assertThat(b.reason().wire()).isEqualTo("PrimaryNotReachable"));
    }

    @Test
    void resurrectionIsNotUnpausedWhenTheSpecDisablesIt() {
        world.meta.resurrection = false;
        assertThat(decide()).isEqualTo(new Step.UnpauseResurrection(DirectorRole.META));
        world.pair.getSpec().getResurrection().setEnabled(false);
        assertThat(decide()).isInstanceOf(Step.Wait.class);
    }

    @Test
    void aDriftedManifestIsDeployedThroughThePeerMetaFirst() {
        world.primary.deployedManifest = "name: bosh-meta\ninstance_groups: [{name: bosh, instances: 1}]\n";
        world.meta.deployedManifest = "name: bosh-primary\ninstance_groups: [{name: bosh, instances: 1}]\n";
        world.desiredMetaManifest = "instance_groups:\n- instances: 1\n  name: bosh\nname: bosh-meta\n";
        world.desiredPrimaryManifest = world.meta.deployedManifest;
        assertThat(decide()).as("the same document in another key order is no drift")
                .isInstanceOfSatisfying(Step.Wait.class, w -> assertThat(w.reason().wire()).isEqualTo("Steady"));
        world.desiredPrimaryManifest = "name: bosh-primary\ninstance_groups: [{name: bosh, instances: 2}]\n";
        world.desiredMetaManifest = "name: bosh-meta\ninstance_groups: [{name: bosh, instances: 2}]\n";
        assertThat(decide()).isEqualTo(new Step.StartDeploy(DirectorRole.META, DirectorRole.PRIMARY));
        world.desiredMetaManifest = world.primary.deployedManifest;
        assertThat(decide()).isEqualTo(new Step.StartDeploy(DirectorRole.PRIMARY, DirectorRole.META));
        world.meta.resurrection = false;
        assertThat(decide()).as("resurrection first").isEqualTo(new Step.UnpauseResurrection(DirectorRole.META));
        world.meta.resurrection = true;
        world.primary.down(400);
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        assertThat(decide()).as("a repair before any deploy").isInstanceOf(Step.StartRepair.class);
    }

    @Test
    void pauseWinsOverAnOperationInFlight() {
        world.status.setOperation(repair(OperationStep.SCANNING.wire(), null, null));
        world.paused = true;
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class, w -> assertThat(w.reason().wire()).isEqualTo("Paused"));
    }

    @Test
    void anOperationInFlightIsCarriedOnStepByStep() {
        primaryDeadAndMetaKnowsIt(400);
        world.status.setOperation(repair(OperationStep.SCANNING.wire(), null, null));
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        world.status.setOperation(repair(OperationStep.SCANNING.wire(), 12L, "processing"));
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FOLLOW_TASK));
        world.status.setOperation(repair(OperationStep.SCANNING.wire(), 12L, "done"));
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.NEXT_STEP));
        world.status.setOperation(repair(OperationStep.RESOLVING.wire(), null, null));
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        world.status.setOperation(repair(OperationStep.RESOLVING.wire(), 13L, "error"));
        assertThat(decide()).isInstanceOfSatisfying(Step.FinishOperation.class, f -> {
            assertThat(f.result()).isEqualTo(OperationResult.FAILED);
            assertThat(f.message()).contains("task 13").contains("error");
        });
    }

    @Test
    void aStepThatTakesTooLongFails() {
        OperationStatus operation = repair(OperationStep.SCANNING.wire(), 12L, "processing");
        operation.setStepStartedTime("2026-11-25T11:20:00Z");
        world.status.setOperation(operation);
        assertThat(decide()).isInstanceOfSatisfying(Step.FinishOperation.class,
                f -> assertThat(f.result()).isEqualTo(OperationResult.FAILED));
    }

    @Test
    void verificationNeedsANewVmAndTheSameDeployments() {
        OperationStatus operation = repair(OperationStep.VERIFYING.wire(), null, null);
        operation.setPreviousVmCid("vm-1");
        operation.setPreviousDeployments(List.of("bosh-meta", "cf"));
        world.status.setOperation(operation);
        world.primary.down(30);
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.message()).contains("does not answer yet"));
        world.primary.outcome = io.binarybosh.operator.observe.Outcome.REACHABLE;
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.message()).contains("still runs on VM vm-1"));
        world.meta.vmCid = "vm-2";
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.message()).contains("no longer holds [cf]"));
        world.primary.deployments.put("cf", false);
        assertThat(decide()).isInstanceOfSatisfying(Step.FinishOperation.class,
                f -> assertThat(f.result()).isEqualTo(OperationResult.SUCCEEDED));
    }

    @Test
    void approvalGatesTheRepair() {
        primaryDeadAndMetaKnowsIt(400);
        world.status.setOperation(repair(OperationStep.AWAITING_APPROVAL.wire(), null, null));
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> {
                    assertThat(w.message()).contains("binarybosh.io/approve=repair-primary-1");
                    assertThat(w.awaitedApproval()).isEqualTo("repair-primary-1");
                });
        world.approved = "some-other-operation";
        assertThat(decide()).isInstanceOf(Step.Wait.class);
        world.approved = "repair-primary-1";
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL));
        world.primary.outcome = io.binarybosh.operator.observe.Outcome.REACHABLE;
        assertThat(decide()).isInstanceOfSatisfying(Step.FinishOperation.class,
                f -> assertThat(f.result()).isEqualTo(OperationResult.ABANDONED));
    }

    @Test
    void anInterruptedUnpauseIsRedone() {
        OperationStatus operation = new OperationStatus();
        operation.setId("unpauseresurrection-meta-1");
        operation.setType(OperationType.UNPAUSE_RESURRECTION.wire());
        operation.setTarget("meta");
        operation.setStep(OperationStep.UNPAUSING.wire());
        world.status.setOperation(operation);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.REDO));
    }

    @Test
    void aPendingDeployApprovalIsAbandonedWhenADirectorGoesDownAndARepairStarts() {
        world.pair.getSpec().setApproval(io.binarybosh.operator.model.ApprovalMode.Manual);
        world.meta.deployedManifest = "name: bosh-primary\ninstance_groups: [{name: bosh, instances: 1}]\n";
        world.desiredPrimaryManifest = "name: bosh-primary\ninstance_groups: [{name: bosh, instances: 2}]\n";
        OperationStatus deploy = repair(OperationStep.AWAITING_APPROVAL.wire(), null, null);
        deploy.setId("deploy-primary-1");
        deploy.setType(OperationType.DEPLOY.wire());
        world.status.setOperation(deploy);
        assertThat(decide()).as("both answer: the deploy waits for its approval")
                .isInstanceOfSatisfying(Step.Wait.class,
                        w -> assertThat(w.awaitedApproval()).isEqualTo("deploy-primary-1"));
        primaryDeadAndMetaKnowsIt(400);
        assertThat(decide()).isInstanceOfSatisfying(Step.FinishOperation.class, f -> {
            assertThat(f.result()).isEqualTo(OperationResult.ABANDONED);
            assertThat(f.message()).contains("Primary is down", "repair comes before");
        });
        world.approved = "deploy-primary-1";
        assertThat(decide()).as("an approval given meanwhile does not hold the repair back either")
                .isInstanceOf(Step.FinishOperation.class);
        world.status.setOperation(null);
        io.binarybosh.operator.model.OperationRecord abandoned = new io.binarybosh.operator.model.OperationRecord();
        abandoned.setId(deploy.getId());
        abandoned.setType(OperationType.DEPLOY.wire());
        abandoned.setResult(OperationResult.ABANDONED.wire());
        abandoned.setFinishedTime(world.now.minusSeconds(5).toString());
        world.status.getHistory().add(0, abandoned);
        assertThat(decide()).isEqualTo(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
    }

    @Test
    void splitBrainWhileAMigrationWaitsForTheFenceApprovalRetiresTheMicroAtOnce() {
        world.micro();
        OperationStatus migration = repair(OperationStep.AWAITING_FENCE_APPROVAL.wire(), null, null);
        migration.setId("migration-meta-1");
        migration.setType(OperationType.MIGRATION.wire());
        migration.setTarget("meta");
        world.status.setOperation(migration);
        io.binarybosh.operator.model.MigrationStatus status = new io.binarybosh.operator.model.MigrationStatus();
        status.setSourceUrl(Situations.MICRO_URL);
        status.setTargetUrl(Situations.META_URL);
        world.status.setMigration(status);
        assertThat(HealthRules.splitBrainDeployment(world.facts())).contains("bosh-primary");
        assertThat(decide()).as("no approval needed: a Micro that answers beside Meta on its data is retired")
                .isEqualTo(new Step.ContinueOperation(Step.OperationAction.RETIRE_MICRO));
        migration.setFailures(2);
        migration.setRetryTime(world.now.plusSeconds(60).toString());
        assertThat(decide()).as("nor does a backoff hold it back")
                .isEqualTo(new Step.ContinueOperation(Step.OperationAction.RETIRE_MICRO));
        migration.setStep(OperationStep.STARTING_META.wire());
        assertThat(decide()).as("at StartingMeta the step goes on at once, on to the fence")
                .isEqualTo(new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        migration.setStep(OperationStep.COPYING_STORE.wire());
        assertThat(decide()).as("before Meta started, the Micro's answering is no split brain to retire")
                .isNotEqualTo(new Step.ContinueOperation(Step.OperationAction.RETIRE_MICRO));
    }

    @Test
    void anUnpauseOrACancelEndsAsFailedThirtyMinutesAfterItStarted() {
        for (OperationType type : List.of(OperationType.UNPAUSE_RESURRECTION, OperationType.CANCEL_STUCK_TASK)) {
            OperationStatus operation = new OperationStatus();
            operation.setId(type.wire().toLowerCase(java.util.Locale.ROOT) + "-meta-1");
            operation.setType(type.wire());
            operation.setTarget("meta");
            operation.setDirector("primary");
            operation.setStep(type.steps().get(0).wire());
            operation.setStartedTime(world.now.minus(Timings.STEP_TIMEOUT).toString());
            operation.setStepStartedTime(operation.getStartedTime());
            operation.setMessage("attempt 3 failed: connection refused");
            world.status.setOperation(operation);
            assertThat(decide()).as(type + " at exactly 30 minutes is redone")
                    .isEqualTo(new Step.ContinueOperation(Step.OperationAction.REDO));
            operation.setStartedTime(world.now.minus(Timings.STEP_TIMEOUT).minusSeconds(1).toString());
            assertThat(decide()).as(type + " past 30 minutes").isInstanceOfSatisfying(Step.FinishOperation.class,
                    f -> {
                        assertThat(f.result()).isEqualTo(OperationResult.FAILED);
                        assertThat(f.message()).contains("within 30 minutes", "connection refused");
                    });
        }
    }

    private OperationStatus repair(String step, Long taskId, String taskState) {
        OperationStatus operation = new OperationStatus();
        operation.setId("repair-primary-1");
        operation.setType(OperationType.REPAIR.wire());
        operation.setTarget("primary");
        operation.setDirector("meta");
        operation.setStep(step);
        operation.setStartedTime("2026-11-25T11:59:00Z");
        operation.setStepStartedTime("2026-11-25T11:59:00Z");
        operation.setTaskId(taskId);
        operation.setTaskState(taskState);
        return operation;
    }
}
