package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Phase;
import io.binarybosh.operator.model.Reason;

import java.util.Arrays;
import java.util.List;

/**
 * The words the operator writes into the status, for the CRD's explain text: the values of the model's enums, so
 * the explain text can never name a type, step, result, phase, condition type or reason the operator does not
 * write.
 */
final class StatusVocabulary {

    private StatusVocabulary() {
    }

    /** status.operation.type and status.history[].type. */
    static List<String> operationTypes() {
        return Arrays.stream(OperationType.values()).map(OperationType::wire).toList();
    }

    /** status.operation.step and status.migration.steps[].step. */
    static List<String> operationSteps() {
        return Arrays.stream(OperationStep.values()).map(OperationStep::wire).toList();
    }

    /** status.history[].result. */
    static List<String> operationResults() {
        return Arrays.stream(OperationResult.values()).map(OperationResult::wire).toList();
    }

    /** status.phase. */
    static List<String> phases() {
        return Arrays.stream(Phase.values()).map(Phase::wire).toList();
    }

    /** The types of status.conditions. */
    static List<String> conditionTypes() {
        return Arrays.stream(ConditionType.values()).map(ConditionType::wire).toList();
    }

    /** The reasons of status.conditions: those written with a condition type (not only in a wait or an event). */
    static List<String> conditionReasons() {
        return Arrays.stream(Reason.values())
                .filter(reason -> reason.sections().stream().anyMatch(s -> !s.conditionTypes().isEmpty()))
                .map(Reason::wire)
                .toList();
    }

    static String oneOf(List<String> words) {
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
