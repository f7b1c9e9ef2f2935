package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Timings;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;

import java.time.Duration;
import java.util.Optional;

/**
 * The deadline of the migration's steps that have none of their own: a step that keeps failing or waiting stops for
 * a person after {@link #DEADLINE}, as {@code StopDirectors}, {@code StartMeta} and {@code VerifyPrimary} do. A stop
 * changes nothing on the directors: it is checked again later (less and less often), and the retry approval starts
 * the step's deadline over.
 */
final class StepDeadline {

    static final Duration DEADLINE = Timings.STEP_TIMEOUT;

    private StepDeadline() {
    }

    /** The reason a step stops with once its deadline passed; empty for a step with its own checks. */
    static Optional<Reason> reason(OperationStep step) {
        return Optional.ofNullable(step == null ? null : switch (step) {
            case PREFLIGHT, PAUSING_RESURRECTION, MOVING_META_STORE_ASIDE, UNPAUSING_RESURRECTION ->
                    Reason.MIGRATION_STEP_TIMED_OUT;
            case FENCING_MICRO -> Reason.MICRO_NOT_FENCED;
            case SCANNING, RESOLVING -> Reason.ADOPTION_TIMED_OUT;
            default -> null;
        });
    }

    /**
     * Stops the step for a person when it has a deadline and that passed; {@code what} says what still keeps it.
     * True when it stopped: the caller does nothing more this time.
     */
    static boolean stop(OperationContext context, String what) {
        OperationStatus operation = context.operation();
        OperationStep step = operation.operationStep();
        Optional<Reason> reason = reason(step);
        if (reason.isEmpty() || !MigrationVms.stepStarted(operation).plus(DEADLINE).isBefore(context.now())) {
            return false;
        }
        Journal.block(context, reason.get(), operation.getStep() + " has not ended " + DEADLINE.toMinutes()
                + " minutes after it started: " + what + ". " + todo(context, step));
        return true;
    }

    private static String todo(OperationContext context, OperationStep step) {
        OperationStatus operation = context.operation();
        String retry = "binarybosh.io/approve=" + Retry.value(operation, context.migration());
        String abort = "binarybosh.io/abort=" + operation.getId();
        return switch (step) {
            case PREFLIGHT -> "Nothing was stopped or paused yet. Fix the cause, then " + retry + " runs preflight "
                    + "again, or " + abort + " ends the migration";
            case PAUSING_RESURRECTION -> "Nothing was stopped; resurrection may be paused on some directors. Fix "
                    + "the cause, then " + retry + " tries again, or " + abort + " unpauses resurrection and ends the "
                    + "migration";
            case MOVING_META_STORE_ASIDE -> "The three directors are stopped and resurrection is paused; Meta's store "
                    + "may be partly moved into " + MoveMetaStoreAside.asideName(context) + " inside it (nothing "
                    + "deleted). "
                    + "Fix the cause (ssh to Meta's VM, its disk), then " + retry + " tries again, or " + abort
                    + " moves Meta's store back and starts the directors";
            case FENCING_MICRO -> "Meta runs on the copy and the Micro is not fenced yet: two directors may act on "
                    + "the same deployments. Stop the Micro's processes (monit stop all on its VM; a process monit "
                    + "does not stop, by hand); the operator then moves its store aside by itself. " + retry
                    + " waits another " + DEADLINE.toMinutes() + " minutes";
            case SCANNING, RESOLVING -> "The Micro is fenced; Meta runs on the copy. " + (operation.getTaskId() == null
                    ? "No task was started: look at Meta (bosh -e meta tasks --recent, its API's log). "
                    : "Read the task with bosh -e meta task " + operation.getTaskId() + "; a task that hangs can be "
                    + "cancelled (bosh -e meta cancel-task " + operation.getTaskId() + "): the operator then scans "
                    + "again. ") + retry + " waits another " + DEADLINE.toMinutes() + " minutes";
            case UNPAUSING_RESURRECTION -> "Meta manages Primary and Primary manages Meta; only resurrection is "
                    + "still paused. Fix the cause, then " + retry + " tries again (or bosh update-resurrection on, "
                    + "on Meta and on Primary, then " + retry + ")";
            default -> retry + " tries again";
        };
    }
}
