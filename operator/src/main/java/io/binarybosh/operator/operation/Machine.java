package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One operation as a state machine: its type and the handler of each step at which the operator acts (steps at
 * which only the decision looks, such as a verification, have none).
 */
public record Machine(OperationType type, Map<OperationStep, StepHandler> handlers) {

    public Machine {
        for (OperationStep step : handlers.keySet()) {
            if (!type.steps().contains(step)) {
                throw new IllegalArgumentException(step + " is not a step of " + type);
            }
        }
        handlers = Map.copyOf(new EnumMap<>(handlers));
    }

    public Optional<StepHandler> handler(OperationStep step) {
        return Optional.ofNullable(handlers.get(step));
    }
}
