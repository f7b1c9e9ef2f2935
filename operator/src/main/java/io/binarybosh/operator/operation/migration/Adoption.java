package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.DirectorTaskStep;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;

import java.time.Instant;

/**
 * Meta adopts Primary: the scan and the recreate resolutions are the repair's task steps; a task that ended badly
 * is redone from the scan with a new task id floor.
 */
final class Adoption {

    /** Attempts at recreating Primary's VM from Meta before a person is asked. */
    static final int ATTEMPTS = 3;

    private Adoption() {
    }

    static StepHandler scanning() {
        return withRedo(new DirectorTaskStep(DirectorTaskStep.Kind.SCAN, OperationStep.RESOLVING,
                OperationStep.RESOLVING));
    }

    static StepHandler resolving() {
        return withRedo(new DirectorTaskStep(DirectorTaskStep.Kind.RESOLVE, OperationStep.VERIFYING_PRIMARY,
                OperationStep.VERIFYING_PRIMARY));
    }

    private static StepHandler withRedo(StepHandler task) {
        return (context, action) -> {
            if (action == Step.OperationAction.REDO) {
                redo(context);
                return;
            }
            task.handle(context, action);
            OperationStatus operation = context.operation();
            if (action == Step.OperationAction.FOLLOW_TASK && operation.getTaskState() != null
                    && !TaskState.fromWire(operation.getTaskState()).isFinished()) {
                // A task that hangs on Meta is never followed forever; it is not cancelled either (a recreate
                // cancelled halfway is for a person to look at): the person is told.
                StepDeadline.stop(context, "Meta's task " + operation.getTaskId() + " is still '"
                        + operation.getTaskState() + "'");
            }
        };
    }

    /**
     * A task that ended badly: the scan starts again above a new floor after the backoff of a failed step, until
     * {@link #ATTEMPTS} attempts failed; then a person is asked ({@code AdoptionFailed}, a counted retry).
     */
    private static void redo(OperationContext context) {
        OperationStatus operation = context.operation();
        String deployment = context.facts().primary().deployment();
        int attempt = operation.getAttempt() == null ? 1 : operation.getAttempt();
        if (attempt >= ATTEMPTS) {
            Journal.block(context, Reason.ADOPTION_FAILED, "Meta's task " + operation.getTaskId() + " ("
                    + operation.getStep() + " of '" + deployment + "') ended '" + operation.getTaskState()
                    + "' on attempt " + attempt + "; read it with bosh -e meta task " + operation.getTaskId()
                    + ", fix the cause, then binarybosh.io/approve=" + Retry.value(operation, context.migration())
                    + " scans again from attempt 1. The Micro is fenced and Meta runs on the copy: going on is "
                    + "the way out (docs/migration.md, rollback)");
            return;
        }
        long above = TaskFloor.of(context.client(DirectorRole.META), deployment);
        Instant now = context.now();
        BinaryBoshPair written = Journal.next(context, OperationStep.SCANNING, "task " + operation.getTaskId()
                + " ended '" + operation.getTaskState() + "': scanning again", status -> {
                    OperationStatus op = status.getOperation();
                    op.setAttempt(attempt + 1);
                    op.setTaskIdAbove(above);
                    op.setRetryTime(Timestamps.format(now.plus(Journal.retryDelay(attempt))));
                });
        context.events().warning(written, Reason.ADOPTION_RETRIED, "Meta's task " + operation.getTaskId() + " for '"
                + deployment + "' ended '" + operation.getTaskState() + "': scanning again");
    }
}
