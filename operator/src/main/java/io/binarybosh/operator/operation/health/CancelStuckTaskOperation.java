package io.binarybosh.operator.operation.health;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;

import java.util.Map;

/** {@code DELETE /task/:id} of a task that held a director deployment too long; one that ended needs none. */
public final class CancelStuckTaskOperation {

    private CancelStuckTaskOperation() {
    }

    public static Machine machine() {
        return new Machine(OperationType.CANCEL_STUCK_TASK,
                Map.of(OperationStep.CANCELLING, (context, action) -> cancel(context)));
    }

    public static void start(OperationContext context, Step.CancelStuckTask step) {
        OperationStatus operation = Journal.newOperation(OperationType.CANCEL_STUCK_TASK, step.target(),
                step.manager(), OperationStep.CANCELLING, "cancelling task " + step.taskId() + " on "
                        + step.manager().displayName(), context.now());
        operation.setTaskId(step.taskId());
        context.update(status -> status.setOperation(operation));
        cancel(context);
    }

    private static void cancel(OperationContext context) {
        OperationStatus operation = context.operation();
        DirectorClient manager = context.client(DirectorRole.fromField(operation.getDirector()));
        Task task = manager.task(operation.getTaskId());
        if (!task.state().isFinished() && task.state() != TaskState.CANCELLING) {
            manager.cancelTask(task.id());
        }
        Journal.finish(context, OperationResult.SUCCEEDED, "task " + task.id() + " ('" + task.description()
                + "' by " + task.user() + ") was " + (task.state().isFinished() ? "already " + task.state().wire()
                : "cancelled"));
    }
}
