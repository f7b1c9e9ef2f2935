package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.binarybosh.operator.model.OperationStep.CANCELLING;
import static io.binarybosh.operator.model.OperationStep.UNPAUSING;
import static org.assertj.core.api.Assertions.assertThat;

/** The one-call operations, UnpauseResurrection (Unpausing) and CancelStuckTask (Cancelling). */
class SingleCallStepsTest {

    private static final Step REDO = new Step.ContinueOperation(Step.OperationAction.REDO);

    private StepWorld world;

    @BeforeEach
    void pair() {
        world = new StepWorld();
        world.meta.resurrectionPaused = true;
    }

    private OperationRecord finished() {
        assertThat(world.operation()).isNull();
        assertThat(world.stored.getStatus().getHistory()).hasSize(1);
        return world.stored.getStatus().getHistory().get(0);
    }

    // Unpausing

    @Test
    void resurrectionIsUnpausedAfterTheIntentIsWritten() {
        world.act(new Step.UnpauseResurrection(DirectorRole.META));
        assertThat(world.log).containsSubsequence("write status UnpauseResurrection/Unpausing task=null",
                "meta PUT /resurrection paused=false", "meta GET /resurrection", "write status none",
                "event Normal ResurrectionUnpaused");
        assertThat(world.meta.resurrectionPaused).isFalse();
        assertThat(finished().getResult()).isEqualTo("Succeeded");
    }

    @Test
    void aDirectorStillPausedAfterThePutFailsTheOperation() {
        world.meta.resurrectionObeys = false;
        world.act(new Step.UnpauseResurrection(DirectorRole.META));
        assertThat(finished().getResult()).isEqualTo("Failed");
        assertThat(world.events).contains("Warning ResurrectionUnpauseFailed");
    }

    @Test
    void crashBeforeTheUnpauseIsRecordedRedoesTheIdempotentCallAndFinishesOnce() {
        world.crashAt(StepWorld.record(UNPAUSING, "finish"), new Step.UnpauseResurrection(DirectorRole.META));
        assertThat(world.step()).isEqualTo(UNPAUSING);
        world.act(REDO);
        assertThat(world.meta.resurrectionPaused).isFalse();
        assertThat(finished().getResult()).isEqualTo("Succeeded");
    }

    // Cancelling

    @Test
    void aStuckTaskIsCancelledAfterTheIntentIsWritten() {
        long task = world.meta.addTask(TaskState.PROCESSING, "create deployment", "bosh-primary", null).id();
        world.act(new Step.CancelStuckTask(DirectorRole.PRIMARY, DirectorRole.META, task));
        assertThat(world.log).containsSubsequence("write status CancelStuckTask/Cancelling task=" + task,
                "meta DELETE /task/" + task, "write status none", "event Normal StuckTaskCancelled");
        assertThat(finished().getMessage()).contains("was cancelled");
    }

    @Test
    void aTaskThatEndedMeanwhileIsNotCancelled() {
        long task = world.meta.addTask(TaskState.DONE, "create deployment", "bosh-primary", null).id();
        world.act(new Step.CancelStuckTask(DirectorRole.PRIMARY, DirectorRole.META, task));
        assertThat(world.directorChanges()).isEmpty();
        assertThat(finished().getMessage()).contains("already done");
    }

    @Test
    void crashBeforeTheCancelIsRecordedDoesNotCancelTwice() {
        long task = world.meta.addTask(TaskState.PROCESSING, "create deployment", "bosh-primary", null).id();
        world.crashAt(StepWorld.record(CANCELLING, "finish"),
                new Step.CancelStuckTask(DirectorRole.PRIMARY, DirectorRole.META, task));
        assertThat(world.step()).isEqualTo(CANCELLING);
        world.act(REDO);
        assertThat(world.directorChanges()).containsExactly("meta DELETE /task/" + task);
        assertThat(finished().getResult()).isEqualTo("Succeeded");
    }
}
