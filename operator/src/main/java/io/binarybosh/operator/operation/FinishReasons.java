package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;

/** The event reason that announces how an operation ended. */
final class FinishReasons {

    private FinishReasons() {
    }

    /** {@code type} is null for an operation of a type this version does not know (it is only abandoned). */
    static Reason of(OperationType type, OperationResult result) {
        boolean ok = result == OperationResult.SUCCEEDED;
        if (type == null) {
            return Reason.OPERATION_ABANDONED;
        }
        return switch (type) {
            case REPAIR -> switch (result) {
                case SUCCEEDED -> Reason.REPAIR_SUCCEEDED;
                case ABANDONED -> Reason.REPAIR_ABANDONED;
                // a repair is never refused nor aborted: it ends or is given up
                case FAILED, REFUSED, ABORTED -> Reason.REPAIR_FAILED;
            };
            case DEPLOY -> switch (result) {
                case SUCCEEDED -> Reason.DEPLOY_SUCCEEDED;
                case ABANDONED -> Reason.DEPLOY_ABANDONED;
                case FAILED, REFUSED, ABORTED -> Reason.DEPLOY_FAILED;
            };
            case UNPAUSE_RESURRECTION -> ok ? Reason.RESURRECTION_UNPAUSED : Reason.RESURRECTION_UNPAUSE_FAILED;
            case CANCEL_STUCK_TASK -> Reason.STUCK_TASK_CANCELLED;
            case FENCE_MICRO -> ok ? Reason.MICRO_FENCED : Reason.MICRO_FENCE_FAILED;
            case MIGRATION -> switch (result) {
                case SUCCEEDED -> Reason.MIGRATION_SUCCEEDED;
                case REFUSED -> Reason.MIGRATION_REFUSED;
                case FAILED -> Reason.MIGRATION_FAILED;
                case ABANDONED -> Reason.MIGRATION_ABANDONED;
                case ABORTED -> Reason.MIGRATION_ABORTED;
            };
        };
    }
}
