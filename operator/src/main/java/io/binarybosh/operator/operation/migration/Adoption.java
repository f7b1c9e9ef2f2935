package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.DirectorTaskStep;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;

/**
 * Meta adopts Primary: the scan and the recreate resolutions are the repair's task steps; a task that ended badly
 * is redone from the scan with a new task id floor.
 */
final class Adoption {

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
            } else {
                task.handle(context, action);
            }
        };
    }

    private static void redo(OperationContext context) {
        OperationStatus operation = context.operation();
        String deployment = context.facts().primary().deployment();
        long above = TaskFloor.of(context.client(DirectorRole.META), deployment);
        BinaryBoshPair written = Journal.next(context, OperationStep.SCANNING, "task " + operation.getTaskId()
                + " ended '" + operation.getTaskState() + "': scanning again", status -> {
                    OperationStatus op = status.getOperation();
                    op.setAttempt((op.getAttempt() == null ? 1 : op.getAttempt()) + 1);
                    op.setTaskIdAbove(above);
                });
        context.events().warning(written, Reason.ADOPTION_RETRIED, "Meta's task " + operation.getTaskId() + " for '"
                + deployment + "' ended '" + operation.getTaskState() + "': scanning again");
    }
}
