package io.binarybosh.operator.operation;

import io.binarybosh.operator.decide.Step;

/**
 * Carries one step of one operation as far as it goes now. The decision chose {@code action}; the handler checks
 * the step's precondition on the world again, writes its intent before anything destructive, acts, and records
 * the outcome through {@link OperationContext}.
 */
@FunctionalInterface
public interface StepHandler {

    void handle(OperationContext context, Step.OperationAction action);
}
