package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.decide.OperationLease;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.operation.StatusWriter;

import java.time.Clock;
import java.time.Instant;

/**
 * This replica's side of the lease on the operation in flight ({@link OperationLease} decides): no action while
 * another live replica holds it, the lease taken or renewed by a status write before acting, and held by every
 * write the action makes (a new operation's intent names its holder in the same write).
 */
final class OperationLeases {

    private final String replica;
    private final Clock clock;

    OperationLeases(String replica, Clock clock) {
        this.replica = replica;
        this.clock = clock;
    }

    /**
     * The step to carry out: the decision's, or a wait while another replica holds the operation. The status still
     * shows what the decision chose, as the holder writes it: no two replicas writing different conditions in turn.
     */
    Step guard(Step decided, OperationStatus operation, Instant now) {
        return OperationLease.guard(decided, operation, replica, now);
    }

    /**
     * The pair with this replica's lease on its operation in flight, taken or renewed by a status write before the
     * action when due. A 409 (another replica moved first) ends the reconcile, which decides again.
     */
    BinaryBoshPair claimed(StatusWriter writer, BinaryBoshPair pair) {
        Instant now = clock.instant();
        OperationStatus operation = pair.getStatus() == null ? null : pair.getStatus().getOperation();
        if (operation == null || !OperationLease.of(operation, replica, now).claimDue()) {
            return pair;
        }
        return writer.update(pair, status -> OperationLease.claim(status.getOperation(), replica, now));
    }

    /** The actor's writes, each holding the lease: a new operation gets this replica; a half-used lease renews. */
    StatusWriter leased(StatusWriter writer) {
        return (pair, change) -> writer.update(pair, change.andThen(
                status -> OperationLease.stamp(status.getOperation(), replica, clock.instant())));
    }
}
