package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix halts the operator at {@code record:<Step>}: every step of a migration run, its way back
 * included, passes such a point before it records its outcome.
 */
class FaultPointsTest {

    @Test
    void aManualMigrationPassesAPointBeforeTheRecordOfEachOfItsSteps() {
        StepWorld world = new StepWorld();
        MigrationPath path = MigrationPath.manual(world).to(OperationStep.UNPAUSING_RESURRECTION);
        path.once();
        assertThat(world.operation()).isNull();
        Set<OperationStep> forward = EnumSet.copyOf(OperationType.MIGRATION.steps());
        forward.removeIf(OperationStep::aborting);
        for (OperationStep step : forward) {
            assertThat(world.points).as(step.wire()).contains(StepWorld.record(step));
        }
    }

    @Test
    void anAbortedMigrationPassesAPointBeforeTheRecordOfEachStepBack() {
        StepWorld world = new StepWorld();
        new MigrationPath(world).to(OperationStep.COPYING_STORE);
        world.continueWith(Step.OperationAction.ABORT);
        for (int i = 0; i < 3; i++) {
            world.migrate();
        }
        assertThat(world.operation()).isNull();
        assertThat(world.points).contains(StepWorld.record(OperationStep.COPYING_STORE),
                StepWorld.record(OperationStep.ABORT_STOPPING_META),
                StepWorld.record(OperationStep.ABORT_RESTORING_META_STORE),
                StepWorld.record(OperationStep.ABORT_STARTING_DIRECTORS, "finish"));
    }
}
