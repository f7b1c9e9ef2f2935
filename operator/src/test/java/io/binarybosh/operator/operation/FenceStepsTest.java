package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.binarybosh.operator.model.OperationStep.STOPPING_PROCESSES;
import static org.assertj.core.api.Assertions.assertThat;

/** A Micro found holding a pair deployment (split brain), fenced at once: StoppingProcesses. */
class FenceStepsTest {

    private static final Step REDO = new Step.ContinueOperation(Step.OperationAction.REDO);
    private static final List<String> MICRO_STORE = List.of("postgres-15", "director", "blobstore");

    private StepWorld world;

    @BeforeEach
    void pair() {
        world = new StepWorld();
    }

    private String aside() {
        String id = world.operation() != null ? world.operation().getId()
                : world.stored.getStatus().getHistory().get(0).getId();
        return ".binarybosh-micro-fenced-" + id;
    }

    private OperationRecord lastFinished() {
        return world.stored.getStatus().getHistory().get(0);
    }

    @Test
    void theStoreIsNotMovedWhileMonitStillReportsAProcessRunning() {
        world.microVm.stopIgnored = true;
        world.act(new Step.StartFence());
        assertThat(world.step()).isEqualTo(STOPPING_PROCESSES);
        assertThat(world.microVm.ran(world.sudo.monitStopAll())).isTrue();
        assertThat(world.microVm.asides).isEmpty();
        assertThat(world.operation().getMessage()).contains("not every process is stopped yet");
        world.advance(Duration.ofMinutes(3));
        world.act(REDO);
        assertThat(lastFinished().getResult()).isEqualTo("Failed");
        assertThat(world.microVm.asides).isEmpty();
    }

    @Test
    void theMicroIsStoppedThenItsStoreMovedInsideItNothingDeleted() {
        world.act(new Step.StartFence());
        String aside = aside();
        assertThat(world.microVm.commands()).containsExactly(world.sudo.monitStopAll(), world.sudo.monitSummary(),
                world.sudo.moveContentsAside(StepWorld.STORE, aside));
        assertThat(world.microVm.asides.get(aside)).containsExactlyElementsOf(MICRO_STORE);
        assertThat(lastFinished().getResult()).isEqualTo("Succeeded");
        assertThat(world.events).containsSubsequence("Warning FencingMicro", "Normal MicroFenced");
    }

    @Test
    void anSshFailureEndsTheAttemptAsFailed() {
        world.shells.unreachable("micro");
        world.act(new Step.StartFence());
        assertThat(lastFinished().getResult()).isEqualTo("Failed");
        assertThat(world.events).contains("Warning MicroFenceFailed");
    }

    @Test
    void crashBeforeTheFenceIsRecordedMovesNothingTwice() {
        world.crashAt(StepWorld.record(STOPPING_PROCESSES, "finish"), new Step.StartFence());
        String aside = aside();
        assertThat(world.step()).isEqualTo(STOPPING_PROCESSES);
        world.act(REDO);
        assertThat(world.microVm.asides.get(aside)).containsExactlyElementsOf(MICRO_STORE);
        assertThat(world.microVm.store).containsExactly(aside);
        assertThat(world.stored.getStatus().getHistory()).hasSize(1);
    }

    @Test
    void anOperationInFlightWaitsForTheFenceThenGoesOn() {
        new MigrationPath(world).to(OperationStep.COPYING_STORE);
        String migration = world.operation().getId();
        world.act(new Step.StartFence());
        assertThat(lastFinished().getType()).isEqualTo("FenceMicro");
        assertThat(world.operation().getId()).isEqualTo(migration);
        assertThat(world.stored.getStatus().getSuspendedOperation()).isNull();
        assertThat(world.events).contains("Normal OperationResumed");
    }
}
