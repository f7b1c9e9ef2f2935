package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationType;

/** The event reason that announces how an operation ended. */
final class FinishReasons {

    private FinishReasons() {
    }

    static String of(OperationType type, String wireType, OperationResult result) {
        boolean ok = result == OperationResult.SUCCEEDED;
        if (type == null) {
            return wireType + result.wire();
        }
        return switch (type) {
            case UNPAUSE_RESURRECTION -> ok ? "ResurrectionUnpaused" : "ResurrectionUnpauseFailed";
            case CANCEL_STUCK_TASK -> "StuckTaskCancelled";
            case FENCE_MICRO -> ok ? "MicroFenced" : "MicroFenceFailed";
            case MIGRATION -> ok ? "MigrationSucceeded" : result == OperationResult.REFUSED ? "MigrationRefused"
                    : "Migration" + result.wire();
            default -> type.wire() + result.wire();
        };
    }
}
