package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.TaskState;

/** The wait for a task ran past its deadline; {@link #lastState()} is what the director last reported. */
public class DirectorTaskDeadlineException extends DirectorTaskException {

    private final TaskState lastState;

    public DirectorTaskDeadlineException(String message, long taskId, TaskState lastState) {
        super(message, taskId);
        this.lastState = lastState;
    }

    public TaskState lastState() {
        return lastState;
    }
}
