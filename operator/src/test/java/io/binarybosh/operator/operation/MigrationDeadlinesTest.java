package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.OperationStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.binarybosh.operator.model.OperationStep.FENCING_MICRO;
import static io.binarybosh.operator.model.OperationStep.MOVING_META_STORE_ASIDE;
import static io.binarybosh.operator.model.OperationStep.PAUSING_RESURRECTION;
import static io.binarybosh.operator.model.OperationStep.PREFLIGHT;
import static io.binarybosh.operator.model.OperationStep.RESOLVING;
import static io.binarybosh.operator.model.OperationStep.SCANNING;
import static io.binarybosh.operator.model.OperationStep.UNPAUSING_RESURRECTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration step that could fail or wait forever stops for a person after its deadline (a block with its
 * reason and the counted retry), changing nothing on the directors; and a failed adoption task is redone after a
 * backoff, then handed to a person with a counted retry.
 */
class MigrationDeadlinesTest {

    private static final Step FIND_OR_START = new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK);
    private static final Step FOLLOW = new Step.ContinueOperation(Step.OperationAction.FOLLOW_TASK);
    private static final Step REDO = new Step.ContinueOperation(Step.OperationAction.REDO);
    private static final Duration PAST_DEADLINE = Duration.ofMinutes(31);

    private StepWorld world;
    private MigrationPath path;

    @BeforeEach
    void freshPair() {
        world = new StepWorld();
        path = new MigrationPath(world);
    }

    private String retryValue() {
        return world.operation().getId() + "-retry-1";
    }

    private void stoppedWith(String reason, OperationStep at) {
        assertThat(world.step()).isEqualTo(at);
        assertThat(world.migration().getBlockedReason()).isEqualTo(reason);
        assertThat(world.migration().getBlockedMessage()).contains("30 minutes",
                "binarybosh.io/approve=" + retryValue());
        assertThat(world.events).contains("Warning " + reason);
    }

    /**
     * A step that fails is tried again (backoff) before its deadline and stopped after it; the stopping attempt does
     * on the directors and VMs what the first did, nothing more.
     */
    private void failingStepStopsAfterItsDeadline(OperationStep step, Runnable fail) {
        if (step == PREFLIGHT) {
            // the start runs preflight at once: it fails from the start
            fail.run();
            world.act(new Step.StartMigration());
        } else {
            path.to(step);
            fail.run();
        }
        int first = world.log.size();
        world.migrate();
        java.util.List<String> firstActs = world.actsSince(first);
        assertThat(world.step()).isEqualTo(step);
        assertThat(world.operation().getFailures()).isPositive();
        assertThat(world.migration().getBlockedReason()).as("before the deadline: tried again later").isNull();
        world.advance(PAST_DEADLINE);
        int from = world.log.size();
        world.migrate();
        stoppedWith("MigrationStepTimedOut", step);
        assertThat(world.migration().getBlockedMessage()).contains("the last attempt failed");
        assertThat(world.actsSince(from)).as("a deadline undoes or adds nothing").isEqualTo(firstActs);
    }

    @Test
    void preflightThatKeepsFailingStopsForAPerson() {
        failingStepStopsAfterItsDeadline(PREFLIGHT, () -> world.primary.unreachableOn("GET /deployments"));
        assertThat(world.migration().getBlockedMessage()).contains("Nothing was stopped or paused yet",
                "binarybosh.io/abort=" + world.operation().getId());
    }

    @Test
    void pausingResurrectionThatKeepsFailingStopsForAPerson() {
        failingStepStopsAfterItsDeadline(PAUSING_RESURRECTION, () -> world.meta.resurrectionObeys = false);
        assertThat(world.migration().getBlockedMessage()).contains("unpauses resurrection");
    }

    @Test
    void movingMetasStoreAsideThatKeepsFailingStopsForAPerson() {
        failingStepStopsAfterItsDeadline(MOVING_META_STORE_ASIDE,
                () -> world.metaVm.failWhen("ls -A | grep -v", 1, "Input/output error"));
        assertThat(world.migration().getBlockedMessage()).contains("moves Meta's store back");
    }

    @Test
    void unpausingResurrectionThatKeepsFailingStopsForAPerson() {
        failingStepStopsAfterItsDeadline(UNPAUSING_RESURRECTION, () -> world.primary.resurrectionObeys = false);
        assertThat(world.migration().getCompletedTime()).isNull();
        assertThat(world.migration().getBlockedMessage()).contains("update-resurrection on");
    }

    @Test
    void theRetryGivesTheStepANewDeadline() {
        path.to(PAUSING_RESURRECTION);
        world.meta.resurrectionObeys = false;
        world.advance(PAST_DEADLINE);
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isEqualTo("MigrationStepTimedOut");
        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.migration().getBlockedReason()).isNull();
        assertThat(world.operation().getStepStartedTime()).isEqualTo(world.now().toString());
        world.migrate();
        assertThat(world.migration().getBlockedReason()).as("the deadline starts over").isNull();
        world.meta.resurrectionObeys = true;
        world.migrate();
        assertThat(world.step()).isEqualTo(OperationStep.STOPPING_DIRECTORS);
    }

    @Test
    void aMicroWhoseProcessesDoNotStopIsWaitedForThenHandedToAPerson() {
        path.to(FENCING_MICRO);
        world.microVm.processesRunning = true;
        world.microVm.stopIgnored = true;
        world.migrate();
        assertThat(world.migration().getBlockedReason()).isNull();
        world.advance(PAST_DEADLINE);
        world.migrate();
        stoppedWith("MicroNotFenced", FENCING_MICRO);
        assertThat(world.microVm.asides).as("the store stays while processes run").isEmpty();
        world.microVm.stopIgnored = false;
        world.migrate();
        assertThat(world.step()).as("once stopped, the fence goes on by itself").isEqualTo(SCANNING);
        assertThat(world.migration().getBlockedReason()).isNull();
    }

    @Test
    void aMicroThatCannotBeReachedIsHandedToAPersonAfterTheDeadline() {
        path.to(FENCING_MICRO);
        world.microVm.failWhen("monit stop all", 255, "ssh: connect to host: Connection refused");
        world.advance(PAST_DEADLINE);
        world.migrate();
        stoppedWith("MicroNotFenced", FENCING_MICRO);
    }

    @Test
    void aStuckScanIsFollowedThenReportedNeverCancelled() {
        path.to(SCANNING);
        world.act(FIND_OR_START);
        long task = world.operation().getTaskId();
        world.meta.setTaskState(task, TaskState.PROCESSING);
        world.act(FOLLOW);
        assertThat(world.migration().getBlockedReason()).isNull();
        world.advance(PAST_DEADLINE);
        world.act(FOLLOW);
        stoppedWith("AdoptionTimedOut", SCANNING);
        assertThat(world.migration().getBlockedMessage()).contains("bosh -e meta cancel-task " + task);
        assertThat(world.log).noneMatch(l -> l.startsWith("meta DELETE /task"));
        assertThat(world.operation().getTaskId()).isEqualTo(task);
    }

    @Test
    void aScanMetaCannotStartIsHandedToAPersonAfterTheDeadline() {
        path.to(SCANNING);
        world.meta.unreachableOn("POST /deployments/bosh-primary/scans");
        world.act(FIND_OR_START);
        assertThat(world.operation().getFailures()).isEqualTo(1);
        world.advance(PAST_DEADLINE);
        world.act(FIND_OR_START);
        stoppedWith("AdoptionTimedOut", SCANNING);
        assertThat(world.migration().getBlockedMessage()).contains("No task was started")
                .doesNotContain("task null");
    }

    @Test
    void aResolutionThatEndsBeforeTheDeadlineIsNotStopped() {
        path.to(RESOLVING);
        world.act(FIND_OR_START);
        world.advance(PAST_DEADLINE);
        world.meta.setTaskState(world.operation().getTaskId(), TaskState.DONE);
        world.act(FOLLOW);
        assertThat(world.migration().getBlockedReason()).isNull();
        assertThat(world.operation().getTaskState()).isEqualTo("done");
    }

    @Test
    void aFailedAdoptionTaskIsRedoneAfterABackoffThenHandedToAPersonWithACountedRetry() {
        path.to(SCANNING);
        world.act(FIND_OR_START);
        world.meta.setTaskState(world.operation().getTaskId(), TaskState.ERROR);
        world.act(REDO);
        assertThat(world.operation().getAttempt()).isEqualTo(2);
        assertThat(Instant.parse(world.operation().getRetryTime())).as("the next scan waits (backoff)")
                .isAfter(world.now());
        world.act(FIND_OR_START);
        world.meta.setTaskState(world.operation().getTaskId(), TaskState.ERROR);
        world.act(REDO);
        assertThat(world.operation().getAttempt()).isEqualTo(3);
        world.act(FIND_OR_START);
        long third = world.operation().getTaskId();
        world.meta.setTaskState(third, TaskState.ERROR);
        int scans = scans();
        world.act(REDO);
        assertThat(scans()).isEqualTo(scans);
        assertThat(world.migration().getBlockedReason()).isEqualTo("AdoptionFailed");
        assertThat(world.migration().getBlockedMessage()).contains("binarybosh.io/approve=" + retryValue());
        assertThat(world.events).contains("Warning AdoptionFailed");

        world.continueWith(Step.OperationAction.RETRY);
        assertThat(world.step()).isEqualTo(SCANNING);
        assertThat(world.operation().getAttempt()).isEqualTo(1);
        assertThat(world.operation().getTaskId()).isNull();
        assertThat(world.operation().getTaskIdAbove()).isGreaterThanOrEqualTo(third);
        assertThat(world.migration().getRetries()).isEqualTo(1);
        world.act(FIND_OR_START);
        assertThat(scans()).as("a new scan, not the failed one found again").isEqualTo(scans + 1);
    }

    private int scans() {
        return (int) world.log.stream().filter(l -> l.equals("meta POST /deployments/bosh-primary/scans")).count();
    }
}
