package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** After a failed attempt at an operation's step, the next one waits until status.operation.retryTime. */
final class RetryBackoff {

    private RetryBackoff() {
    }

    static Optional<Step> waitFor(OperationStatus operation, MigrationStatus migration, Instant now) {
        if (operation == null || operation.getRetryTime() == null) {
            return Optional.empty();
        }
        if (migration != null && migration.getBlockedReason() != null
                && operation.is(io.binarybosh.operator.model.OperationType.MIGRATION)) {
            // A migration stopped for a person says why in its own Blocked decision, which holds it as long.
            return Optional.empty();
        }
        Instant retry = Instant.parse(operation.getRetryTime());
        if (!retry.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Step.Wait(Reason.RETRY_BACKOFF, "operation " + operation.getId() + ": "
                + operation.getMessage() + "; next attempt at " + retry, Duration.between(now, retry)));
    }
}
