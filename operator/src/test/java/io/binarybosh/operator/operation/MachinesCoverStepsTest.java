package io.binarybosh.operator.operation;

import io.binarybosh.operator.act.Actor;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A step added to an operation type without a handler fails here, not in a cluster. */
class MachinesCoverStepsTest {

    /** Steps at which only the decision looks (it verifies, then finishes or retries the operation). */
    private static final Map<OperationType, Set<OperationStep>> DECISION_ONLY = Map.of(
            OperationType.REPAIR, EnumSet.of(OperationStep.VERIFYING),
            OperationType.DEPLOY, EnumSet.of(OperationStep.VERIFYING));

    private final Map<OperationType, Machine> machines = new Actor((pair, role) -> Optional.empty(),
            new io.binarybosh.operator.metrics.PairMetrics(new io.micrometer.core.instrument.simple
                    .SimpleMeterRegistry()), Clock.systemUTC()).machines();

    @Test
    void everyOperationTypeHasAMachine() {
        assertThat(machines.keySet()).containsExactlyInAnyOrder(OperationType.values());
    }

    @Test
    void everyStepAnOperationTypeListsHasAHandlerUnlessOnlyTheDecisionLooksAtIt() {
        for (OperationType type : OperationType.values()) {
            Set<OperationStep> exempt = DECISION_ONLY.getOrDefault(type, Set.of());
            for (OperationStep step : type.steps()) {
                assertThat(machines.get(type).handler(step).isPresent())
                        .as(type + " at " + step + (exempt.contains(step) ? " is decision-only" : " has a handler"))
                        .isEqualTo(!exempt.contains(step));
            }
        }
    }
}
