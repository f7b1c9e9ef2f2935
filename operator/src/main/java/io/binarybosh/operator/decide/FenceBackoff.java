package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.OperationRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the Micro may be fenced again, from the operations that tried before: after each failed fence in a row
 * the wait doubles (the poll interval first, {@link #MAX_DELAY} at most), and after {@link #MAX_ATTEMPTS} failures
 * the operator stops trying and says so; a person fences the Micro by hand. Pure: the history and the time in.
 */
public record FenceBackoff(int failures, Instant lastFailure, String lastMessage, Duration delay) {

    public static final int MAX_ATTEMPTS = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(30);

    public static FenceBackoff of(List<OperationRecord> history, Duration base) {
        int failures = 0;
        Instant last = null;
        String message = null;
        for (OperationRecord record : history == null ? List.<OperationRecord>of() : history) {
            if (!io.binarybosh.operator.model.OperationType.FENCE_MICRO.wire().equals(record.getType())) {
                continue;
            }
            if (!io.binarybosh.operator.model.OperationResult.FAILED.wire().equals(record.getResult())) {
                break;
            }
            if (failures == 0) {
                last = Instant.parse(record.getFinishedTime());
                message = record.getMessage();
            }
            failures++;
        }
        Duration delay = base;
        for (int i = 1; i < failures && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return new FenceBackoff(failures, last, message, delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    public boolean exhausted() {
        return failures >= MAX_ATTEMPTS;
    }

    /** When the next attempt may start; empty once the attempts are spent. */
    public Optional<Instant> nextAttempt() {
        if (exhausted()) {
            return Optional.empty();
        }
        return Optional.of(lastFailure == null ? Instant.MIN : lastFailure.plus(delay));
    }

    public boolean due(Instant now) {
        return nextAttempt().map(t -> !now.isBefore(t)).orElse(false);
    }
}
