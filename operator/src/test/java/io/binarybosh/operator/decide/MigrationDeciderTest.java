package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When the migration starts, what preflight refuses from the observation, and how an operation in flight goes on. */
class MigrationDeciderTest {

    private final Decider decider = new Decider();
    private Situations world;

    /** Freshly deployed: the Micro holds Primary's deployment, Primary holds Meta's, Meta holds nothing. */
    @BeforeEach
    void beforeTheMigration() {
        world = new Situations();
        world.micro();
        world.meta.holdsManaged = false;
        world.status.setObservedGeneration(1L);
    }

    private Step decide() {
        return decider.decide(world.input());
    }

    private void refused(String reason) {
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo(reason);
            assertThat(b.message()).startsWith("migration refused: ");
        });
    }

    @Test
    void aFreshlyDeployedPairStartsTheMigration() {
        assertThat(decide()).isEqualTo(new Step.StartMigration());
    }

    @Test
    void nothingStartsWhilePaused() {
        world.paused = true;
        assertThat(decide()).isInstanceOf(Step.Wait.class);
    }

    @Test
    void allThreeMustAnswer() {
        world.micro.down(5);
        refused("MicroNotReachable");
        beforeTheMigration();
        world.meta.down(5);
        refused("MetaNotReachable");
        beforeTheMigration();
        world.primary.down(5);
        refused("PrimaryNotReachable");
    }

    @Test
    void aSourceWithoutPrimarysDeploymentIsTheWrongWayRound() {
        world.micro.holdsManaged = false;
        refused("SourceDoesNotHoldPrimary");
    }

    @Test
    void aDeploymentRunningAtAnotherAddressThanItsDirectorIsRefused() {
        world.primary.ips = List.of("127.0.0.99");
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("DirectorAddressMismatch");
            assertThat(b.message()).contains("127.0.0.99").contains(Situations.META_URL);
        });
        world.primary.ips = List.of("127.0.0.12");
        assertThat(decide()).isEqualTo(new Step.StartMigration());
    }

    @Test
    void metaMustBeDeployedByPrimary() {
        world.primary.holdsManaged = false;
        refused("MetaNotOnPrimary");
    }

    @Test
    void aTargetWithDeploymentsOfItsOwnIsNotFresh() {
        world.meta.deployments.put("zookeeper", false);
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("TargetNotFresh");
            assertThat(b.message()).contains("zookeeper");
        });
    }

    @Test
    void metaOlderThanTheMicroIsVersionSkew() {
        world.meta.version = "282.0.9 (abcdef)";
        refused("VersionSkew");
        world.meta.version = "283.1.6 (ffffffff)";
        assertThat(decide()).isEqualTo(new Step.StartMigration());
        world.meta.version = "283.2";
        assertThat(decide()).isEqualTo(new Step.StartMigration());
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(MigrationPreflight.olderThan("283.1.6", "283.1.10")).isTrue();
        assertThat(MigrationPreflight.olderThan("283.1.10", "283.1.6")).isFalse();
        assertThat(MigrationPreflight.olderThan("283.1", "283.1.0")).isFalse();
        assertThat(MigrationPreflight.olderThan("unknown", "283.1.0")).as("unknown is not refused").isFalse();
    }

    @Test
    void locksAndTasksOnEitherDeploymentHoldItBack() {
        world.micro.locked = true;
        refused("DeploymentLocked");
        beforeTheMigration();
        world.primary.locked = true;
        refused("DeploymentLocked");
        beforeTheMigration();
        world.micro.tasks = List.of(new Task(7, TaskState.QUEUED, "create deployment", null, null, null, "admin",
                "bosh-primary", ""));
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("TasksInFlight");
            assertThat(b.message()).contains("task 7");
        });
    }

    @Test
    void aRefusalFromTheVmsHoldsFiveMinutesOrUntilTheSpecChanges() {
        MigrationStatus migration = new MigrationStatus();
        migration.setRefusalReason("PostgresVersionMismatch");
        migration.setRefusalMessage("postgres-13 against postgres-15");
        migration.setRefusalTime("2026-11-25T11:57:00Z");
        migration.setRefusalGeneration(1L);
        world.status.setMigration(migration);
        refused("PostgresVersionMismatch");
        world.status.setObservedGeneration(2L);
        assertThat(decide()).isEqualTo(new Step.StartMigration());
        world.status.setObservedGeneration(1L);
        world.now = world.now.plusSeconds(120);
        assertThat(decide()).isEqualTo(new Step.StartMigration());
    }

    @Test
    void aCompletedMigrationIsNotRepeated() {
        MigrationStatus migration = new MigrationStatus();
        migration.setCompletedTime("2026-11-25T11:00:00Z");
        world.status.setMigration(migration);
        assertThat(decide()).isNotInstanceOf(Step.StartMigration.class);
    }

    @Test
    void anAbortThatLeftWorkForAPersonHoldsTheNextMigrationUntilItsRetryApproval() {
        MigrationStatus migration = new MigrationStatus();
        io.binarybosh.operator.model.AbortLeftOverStatus leftOver = new io.binarybosh.operator.model.AbortLeftOverStatus();
        leftOver.setTodo("on Meta's VM (not reachable by the operator): monit start all");
        migration.setAbortLeftOver(leftOver);
        world.status.setMigration(migration);
        io.binarybosh.operator.model.OperationRecord aborted = new io.binarybosh.operator.model.OperationRecord();
        aborted.setId("migration-meta-1234abcd");
        aborted.setType(OperationType.MIGRATION.wire());
        aborted.setResult("Aborted");
        aborted.setFinishedTime(world.now.minusSeconds(600).toString());
        world.status.setHistory(List.of(aborted));
        world.micro.down(5);
        assertThat(decide()).as("said before preflight, which would only see the Micro down")
                .isInstanceOfSatisfying(Step.Blocked.class, b -> {
                    assertThat(b.reason()).isEqualTo(Reason.ABORT_INCOMPLETE);
                    assertThat(b.message()).contains("on Meta's VM", "binarybosh.io/approve=migration-meta-1234abcd-retry-1");
                    assertThat(b.awaitedApproval()).isEqualTo("migration-meta-1234abcd-retry-1");
                });
        beforeTheMigration();
        world.status.setMigration(migration);
        world.status.setHistory(List.of(aborted));
        world.approved = "migration-meta-1234abcd-retry-1";
        assertThat(decide()).isEqualTo(new Step.StartMigration());
    }

    @Test
    void aPairAlreadyManagedByMetaNeedsNoMigration() {
        world = new Situations();
        world.micro();
        world.micro.holdsManaged = false;
        assertThat(decide()).isEqualTo(new io.binarybosh.operator.decide.Step.Wait(Reason.STEADY, "nothing to do",
                java.time.Duration.ofSeconds(15)));
    }

    private OperationStatus inFlight(String step) {
        OperationStatus operation = new OperationStatus();
        operation.setId("migration-meta-1234abcd");
        operation.setType(OperationType.MIGRATION.wire());
        operation.setStep(step);
        operation.setTarget("meta");
        operation.setDirector("meta");
        operation.setStartedTime("2026-11-25T11:50:00Z");
        operation.setStepStartedTime("2026-11-25T11:55:00Z");
        operation.setAttempt(1);
        world.status.setOperation(operation);
        MigrationStatus migration = new MigrationStatus();
        migration.setSourceUrl(Situations.MICRO_URL);
        migration.setTargetUrl(Situations.META_URL);
        world.status.setMigration(migration);
        return operation;
    }

    @Test
    void eachStepOfTheMigrationIsCarriedOn() {
        for (String step : List.of(OperationStep.PREFLIGHT.wire(), OperationStep.PAUSING_RESURRECTION.wire(),
                OperationStep.STOPPING_DIRECTORS.wire(), OperationStep.MOVING_META_STORE_ASIDE.wire(), OperationStep.COPYING_STORE.wire(),
                OperationStep.VERIFYING_COPY.wire(), OperationStep.STARTING_META.wire(), OperationStep.FENCING_MICRO.wire(),
                OperationStep.VERIFYING_PRIMARY.wire(), OperationStep.UNPAUSING_RESURRECTION.wire())) {
            inFlight(step);
            assertThat(decide()).as(step).isEqualTo(new Step.ContinueOperation(Step.OperationAction.MIGRATE));
        }
    }

    @Test
    void manualApprovalGatesTheCopyAndTheFenceSeparately() {
        inFlight(OperationStep.AWAITING_APPROVAL.wire());
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w).extracting(Step.Wait::awaitedApproval, Step.Wait::message).satisfiesExactly(
                        value -> assertThat(value).isEqualTo("migration-meta-1234abcd"),
                        message -> assertThat((String) message).contains("binarybosh.io/approve=migration-meta-1234abcd")));
        world.approved = "migration-meta-1234abcd";
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL));
        inFlight(OperationStep.AWAITING_FENCE_APPROVAL.wire());
        assertThat(decide()).as("the first approval does not fence the Micro").isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w).extracting(Step.Wait::awaitedApproval, Step.Wait::message).satisfiesExactly(
                        value -> assertThat(value).isEqualTo("migration-meta-1234abcd-fence"),
                        message -> assertThat((String) message)
                                .contains("binarybosh.io/approve=migration-meta-1234abcd-fence")));
        world.approved = "migration-meta-1234abcd-fence";
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL));
    }

    @Test
    void theChecksAfterTheApprovalWaitForALookMadeAfterPreflightPassed() {
        OperationStatus operation = inFlight(OperationStep.AWAITING_APPROVAL.wire());
        world.approved = "migration-meta-1234abcd";
        // preflight passed in the second the directors were last looked at: that look may show its own ssh tasks
        operation.setStepStartedTime("2026-11-25T12:00:00Z");
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class, w -> {
            assertThat(w.reason()).isEqualTo(Reason.AWAITING_FRESH_OBSERVATION);
            assertThat(w.message()).contains("after preflight passed");
        });
        world.now = world.now.plusSeconds(2);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL));
    }

    @Test
    void aCheckThatFoundAProblemIsRepeatedEveryMinute() {
        inFlight(OperationStep.STOPPING_DIRECTORS.wire());
        world.status.getMigration().setBlockedReason("SourcePostgresRunning");
        world.status.getMigration().setBlockedMessage("postgres runs");
        world.status.getMigration().setBlockedTime("2026-11-25T11:59:30Z");
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class,
                b -> assertThat(b.reason().wire()).isEqualTo("SourcePostgresRunning"));
        world.now = world.now.plusSeconds(31);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.MIGRATE));
    }

    @Test
    void aSpecNamingOtherDirectorsStopsTheMigrationInFlight() {
        inFlight(OperationStep.COPYING_STORE.wire());
        world.status.getMigration().setTargetUrl("https://127.0.0.99:25555");
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class,
                b -> assertThat(b.reason().wire()).isEqualTo("MigrationTargetChanged"));
    }

    @Test
    void theAdoptionTasksAreFollowedAndAFailedOneRedone() {
        OperationStatus operation = inFlight(OperationStep.SCANNING.wire());
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        operation.setTaskId(12L);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FOLLOW_TASK));
        operation.setTaskState("done");
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.NEXT_STEP));
        operation.setTaskState("error");
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.REDO));
    }

    @Test
    void aFailedAdoptionWaitsForItsCountedRetryApproval() {
        OperationStatus operation = inFlight(OperationStep.SCANNING.wire());
        operation.setTaskId(12L);
        operation.setTaskState("error");
        operation.setAttempt(3);
        world.status.getMigration().setBlockedReason("AdoptionFailed");
        world.status.getMigration().setBlockedMessage("task 12 ended 'error'");
        world.status.getMigration().setBlockedTime(world.now.toString());
        world.status.getMigration().setRetries(1);
        assertThat(decide()).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason()).isEqualTo(Reason.ADOPTION_FAILED);
            assertThat(b.awaitedApproval()).isEqualTo("migration-meta-1234abcd-retry-2");
        });
        world.approved = "migration-meta-1234abcd-retry";
        assertThat(decide()).isInstanceOf(Step.Blocked.class);
        world.approved = "migration-meta-1234abcd-retry-1";
        assertThat(decide()).as("an approval already used retries nothing").isInstanceOf(Step.Blocked.class);
        world.approved = "migration-meta-1234abcd-retry-2";
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.RETRY));
    }

    @Test
    void aRedoneScanWaitsForTheBackoffOfAFailedStep() {
        OperationStatus operation = inFlight(OperationStep.SCANNING.wire());
        operation.setAttempt(2);
        operation.setRetryTime(world.now.plusSeconds(4).toString());
        assertThat(decide()).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.reason()).isEqualTo(Reason.RETRY_BACKOFF));
        world.now = world.now.plusSeconds(5);
        assertThat(decide()).isEqualTo(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
    }

    @Test
    void aMigrationAtAStepThisVersionDoesNotKnowIsNeitherCarriedOnNorAborted() {
        inFlight("CompactingStore");
        DecisionInput plain = world.input();
        for (DecisionInput in : List.of(plain, withAbort(plain, "migration-meta-1234abcd", false),
                withAbort(plain, null, true))) {
            assertThat(decider.decide(in)).isInstanceOfSatisfying(Step.Blocked.class, b -> {
                assertThat(b.reason()).isEqualTo(Reason.UNKNOWN_STEP);
                assertThat(b.message()).contains("'CompactingStore'", "not even an abort", "rollback");
            });
        }
        assertThat(MigrationGates.abortable(null)).isFalse();
    }

    private static DecisionInput withAbort(DecisionInput in, String abortedId, boolean deleting) {
        return new DecisionInput(in.spec(), in.status(), in.facts(), in.specValid(), in.paused(),
                in.approvedOperationId(), in.now(), abortedId, deleting);
    }
}
