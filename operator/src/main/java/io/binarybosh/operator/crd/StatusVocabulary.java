package io.binarybosh.operator.crd;

import io.binarybosh.operator.decide.HealthRules;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Phase;
import io.binarybosh.operator.status.ConditionTypes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words the operator writes into the status, for the CRD's explain text: the values of the model's enums, so
 * the explain text can never name a type, step, result or phase the operator does not write.
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
        List<String> types = new ArrayList<>(List.of(ConditionTypes.READY, ConditionTypes.SPEC_VALID));
        for (DirectorRole role : DirectorRole.values()) {
            types.add(ConditionTypes.reachable(role));
        }
        types.addAll(List.of(HealthRules.PRIMARY_HEALTHY, HealthRules.META_HEALTHY, HealthRules.MUTUALLY_MANAGED,
                HealthRules.RESURRECTION_ENABLED, HealthRules.SPLIT_BRAIN, ConditionTypes.BLOCKED,
                ConditionTypes.PAUSED, ConditionTypes.MIGRATED));
        return List.copyOf(types);
    }

    static String oneOf(List<String> words) {
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
