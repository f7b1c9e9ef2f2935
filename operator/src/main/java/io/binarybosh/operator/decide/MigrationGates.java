package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;

import java.util.EnumSet;
import java.util.Set;

/** The annotation values that open a migration's gates, and the steps from which it can still be aborted. */
public final class MigrationGates {

    /** Once the Micro is being fenced, the way back is no longer the operator's (docs/migration.md: rollback). */
    private static final Set<OperationStep> ABORTABLE = EnumSet.of(OperationStep.PREFLIGHT,
            OperationStep.AWAITING_APPROVAL, OperationStep.PAUSING_RESURRECTION, OperationStep.STOPPING_DIRECTORS,
            OperationStep.MOVING_META_STORE_ASIDE, OperationStep.COPYING_STORE, OperationStep.VERIFYING_COPY,
            OperationStep.STARTING_META, OperationStep.AWAITING_FENCE_APPROVAL);

    private MigrationGates() {
    }

    /** The approval that lets the migration fence the Micro. */
    public static String fenceApproval(OperationStatus operation) {
        return operation.getId() + "-fence";
    }

    /** The approval the next retry of a step stopped for a person waits for: each retry has its own. */
    public static String retryApproval(OperationStatus operation, MigrationStatus migration) {
        int retries = migration == null || migration.getRetries() == null ? 0 : migration.getRetries();
        return operation.getId() + "-retry-" + (retries + 1);
    }

    /** The retry approval of an aborted migration that left work for a person ({@code abortIncomplete}). */
    public static String retryApproval(String operationId, MigrationStatus migration) {
        int retries = migration == null || migration.getRetries() == null ? 0 : migration.getRetries();
        return operationId + "-retry-" + (retries + 1);
    }

    public static boolean abortable(OperationStep step) {
        return step != null && ABORTABLE.contains(step);
    }
}
