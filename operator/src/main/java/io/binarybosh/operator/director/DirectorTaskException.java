package io.binarybosh.operator.director;

/** Base of the failures of waiting for a director task. */
public class DirectorTaskException extends DirectorException {

    private final long taskId;

    public DirectorTaskException(String message, long taskId) {
        super(message);
        this.taskId = taskId;
    }

    public long taskId() {
        return taskId;
    }
}
