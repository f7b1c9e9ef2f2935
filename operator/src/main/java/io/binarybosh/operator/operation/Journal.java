package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.MigrationStepRecord;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one bookkeeping path of every operation: a new operation's record, the move to the next step (with the
 * migration's step log), progress messages, a stop for a person, a failed attempt with its backoff, and the end
 * with its history entry and event. Status is the write-ahead log: each of these is written before what follows.
 */
public final class Journal {

    /** The first retry of a failed step waits this long; each further failure doubles it. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    static final Duration LONGEST_BLOCKED_HOLD = Duration.ofMinutes(10);

    private Journal() {
    }

    /** A new operation, at {@code step}, not yet written. */
    public static OperationStatus newOperation(OperationType type, DirectorRole target, DirectorRole director,
                                               OperationStep step, String message, Instant now) {
        String time = Timestamps.format(now);
        OperationStatus operation = new OperationStatus();
        operation.setId(type.wire().toLowerCase(Locale.ROOT) + "-" + target.fieldName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        operation.setType(type.wire());
        operation.setTarget(target.fieldName());
        operation.setDirector(director.fieldName());
        operation.setStep(step.wire());
        operation.setStartedTime(time);
        operation.setStepStartedTime(time);
        operation.setAttempt(1);
        operation.setMessage(message);
        return operation;
    }

    /** Moves the operation to {@code step}: the step in flight is logged as ended, its task and failures cleared. */
    public static BinaryBoshPair next(OperationContext context, OperationStep step, String message,
                                     Consumer<BinaryBoshPairStatus> change) {
        OperationStatus before = context.operation();
        Instant now = context.now();
        context.beforeRecord(null);
        BinaryBoshPair written = context.update(status -> {
            recordStep(status, now);
            moveTo(status.getOperation(), step, message, now);
            MigrationStatus migration = status.getMigration();
            if (migration != null && status.getOperation().is(OperationType.MIGRATION)) {
                migration.setBlockedReason(null);
                migration.setBlockedMessage(null);
                migration.setBlockedTime(null);
            }
            if (change != null) {
                change.accept(status);
            }
        });
        if (before.is(OperationType.MIGRATION)) {
            context.metrics().migrationStep(before.getStep(), Duration.between(stepStarted(before), now));
        }
        return written;
    }

    /** The migration's change only: a shorthand of {@link #next} for its steps. */
    public static BinaryBoshPair nextMigrationStep(OperationContext context, OperationStep step, String message,
                                                   Consumer<MigrationStatus> change) {
        return next(context, step, message, status -> {
            if (change != null) {
                change.accept(status.getMigration());
            }
        });
    }

    /** Sets the step on an operation being changed in a write: its time, no task, no failures. */
    public static void moveTo(OperationStatus operation, OperationStep step, String message, Instant now) {
        operation.setStep(step.wire());
        operation.setStepStartedTime(Timestamps.format(now));
        operation.setTaskId(null);
        operation.setTaskState(null);
        operation.setFailures(null);
        operation.setRetryTime(null);
        operation.setMessage(message);
    }

    /** Appends the step in flight, ending now, to the migration's record of the run. */
    public static void recordStep(BinaryBoshPairStatus status, Instant now) {
        OperationStatus operation = status.getOperation();
        MigrationStatus migration = status.getMigration();
        if (operation == null || migration == null || !operation.is(OperationType.MIGRATION)) {
            return;
        }
        List<MigrationStepRecord> steps = new ArrayList<>(
                migration.getSteps() == null ? List.of() : migration.getSteps());
        // A step whose end was written by an operator that died before the next write is not logged twice.
        if (!steps.isEmpty() && operation.getStep().equals(steps.get(steps.size() - 1).getStep())
                && Objects.equals(operation.getStepStartedTime(),
                steps.get(steps.size() - 1).getStartedTime())) {
            return;
        }
        MigrationStepRecord record = new MigrationStepRecord();
        record.setStep(operation.getStep());
        record.setStartedTime(operation.getStepStartedTime());
        record.setFinishedTime(Timestamps.format(now));
        steps.add(record);
        migration.setSteps(steps);
    }

    public static void message(OperationContext context, String message) {
        context.update(status -> status.getOperation().setMessage(message));
    }

    /**
     * Something a person must fix, found by a migration step: said in a condition (through the decision) and an
     * event; the step is tried again later.
     */
    public static void block(OperationContext context, Reason reason, String message) {
        MigrationStatus before = context.migration();
        Instant now = context.now();
        BinaryBoshPair written = context.update(status -> {
            MigrationStatus m = status.getMigration();
            m.setBlockedReason(reason.wire());
            m.setBlockedMessage(message);
            m.setBlockedTime(Timestamps.format(now));
            OperationStatus operation = status.getOperation();
            operation.setMessage(message);
            // A check that keeps failing (an ssh setup, say) is repeated less and less often: never a flood.
            int failures = (operation.getFailures() == null ? 0 : operation.getFailures()) + 1;
            operation.setFailures(failures);
            operation.setRetryTime(Timestamps.format(now.plus(blockedHold(failures))));
        });
        if (!reason.is(before.getBlockedReason())) {
            context.events().warning(written, reason, message);
        }
    }

    /**
     * An attempt at the step failed (a director or shell error): counted, and the next attempt waits twice as long
     * as the one before, so that a failing step never floods a director.
     */
    public static void failed(OperationContext context, String why) {
        Instant now = context.now();
        context.update(status -> {
            OperationStatus operation = status.getOperation();
            if (operation == null) {
                return;
            }
            int failures = (operation.getFailures() == null ? 0 : operation.getFailures()) + 1;
            operation.setFailures(failures);
            operation.setRetryTime(Timestamps.format(now.plus(retryDelay(failures))));
            operation.setMessage("attempt " + failures + " at " + operation.getStep() + " failed: " + why);
        });
    }

    /** How long a migration check that stopped for a person {@code failures} times in a row waits: 1 to 10 min. */
    static Duration blockedHold(int failures) {
        Duration hold = retryDelay(failures).multipliedBy(30);
        return hold.compareTo(LONGEST_BLOCKED_HOLD) > 0 ? LONGEST_BLOCKED_HOLD : hold;
    }

    /** How long after its {@code failures}-th failure in a row a step is tried again. */
    public static Duration retryDelay(int failures) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }

    /** Closes the operation, puts it in the history and announces it; a suspended operation comes back. */
    public static void finish(OperationContext context, OperationResult result, String message) {
        OperationStatus operation = context.operation();
        if (operation == null) {
            return;
        }
        Instant now = context.now();
        OperationRecord record = new OperationRecord();
        record.setId(operation.getId());
        record.setType(operation.getType());
        record.setResult(result.wire());
        record.setStartedTime(operation.getStartedTime());
        record.setFinishedTime(Timestamps.format(now));
        record.setMessage(message);
        context.beforeRecord("finish");
        BinaryBoshPair written = context.update(status -> {
            List<OperationRecord> history = new ArrayList<>();
            history.add(record);
            history.addAll(status.getHistory());
            status.setHistory(new ArrayList<>(history.subList(0,
                    Math.min(history.size(), BinaryBoshPairStatus.HISTORY_LIMIT))));
            OperationStatus resumed = status.getSuspendedOperation();
            if (resumed != null) {
                // the time it was set aside does not count against its step's deadline
                resumed.setStepStartedTime(Timestamps.format(now));
            }
            status.setOperation(resumed);
            status.setSuspendedOperation(null);
        });
        Duration took = Duration.between(Instant.parse(operation.getStartedTime()), now);
        context.metrics().operationFinished(operation.getType(), operation.getTarget(), result.wire(), took);
        Reason reason = FinishReasons.of(operation.operationType(), result);
        String text = message + " (operation " + operation.getId() + ", " + took.toSeconds() + "s)";
        if (result == OperationResult.FAILED || result == OperationResult.REFUSED
                || result == OperationResult.ABORTED) {
            context.events().warning(written, reason, text);
        } else {
            context.events().normal(written, reason, text);
        }
        if (written.getStatus().getOperation() != null) {
            context.events().normal(written, Reason.OPERATION_RESUMED, "operation " + written.getStatus().getOperation()
                    .getId() + " goes on from step " + written.getStatus().getOperation().getStep());
        }
    }

    public static Instant stepStarted(OperationStatus operation) {
        return Instant.parse(operation.getStepStartedTime());
    }
}
