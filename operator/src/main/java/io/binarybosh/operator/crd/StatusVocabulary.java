package io.binarybosh.operator.crd;

import io.binarybosh.operator.decide.HealthRules;
import io.binarybosh.operator.decide.OperationTypes;
import io.binarybosh.operator.observe.DirectorRole;
import io.binarybosh.operator.reconcile.ConditionTypes;

import java.util.ArrayList;
import java.util.List;

/**
 * The words the operator writes into the status, for the CRD's explain text. The one place that lists them for the
 * CRD: when the operation types and steps become enums, {@link #operationTypes()} and {@link #operationSteps()} list
 * their values and nothing else changes. StatusVocabularyTest fails on a constant of OperationTypes listed nowhere.
 */
final class StatusVocabulary {

    private StatusVocabulary() {
    }

    /** status.operation.type and status.history[].type. */
    static List<String> operationTypes() {
        return List.of(OperationTypes.REPAIR, OperationTypes.UNPAUSE_RESURRECTION, OperationTypes.CANCEL_STUCK_TASK,
                OperationTypes.DEPLOY, OperationTypes.FENCE_MICRO, OperationTypes.MIGRATION);
    }

    /** status.operation.step and status.migration.steps[].step, in no particular order. */
    static List<String> operationSteps() {
        return List.of(OperationTypes.AWAITING_APPROVAL, OperationTypes.SCANNING, OperationTypes.RESOLVING,
                OperationTypes.VERIFYING, OperationTypes.UNPAUSING, OperationTypes.CANCELLING,
                OperationTypes.DEPLOYING, OperationTypes.STOPPING_PROCESSES, OperationTypes.MOVING_STORE_ASIDE,
                OperationTypes.PREFLIGHT, OperationTypes.PAUSING_RESURRECTION, OperationTypes.STOPPING_DIRECTORS,
                OperationTypes.MOVING_META_STORE_ASIDE, OperationTypes.COPYING_STORE, OperationTypes.VERIFYING_COPY,
                OperationTypes.STARTING_META, OperationTypes.AWAITING_FENCE_APPROVAL, OperationTypes.FENCING_MICRO,
                OperationTypes.VERIFYING_PRIMARY, OperationTypes.CLOSING);
    }

    /** status.history[].result. */
    static List<String> operationResults() {
        return List.of(OperationTypes.SUCCEEDED, OperationTypes.FAILED, OperationTypes.ABANDONED,
                OperationTypes.REFUSED);
    }

    /**
     * status.phase, as StatusCalculator decides it (it has no typed vocabulary; StatusVocabularyTest reads them from
     * its source).
     */
    static List<String> phases() {
        return List.of("Pending", "Invalid", "Paused", "Lost", "Migrating", "Repairing", "Updating",
                "MutuallyManaged", "Degraded");
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
