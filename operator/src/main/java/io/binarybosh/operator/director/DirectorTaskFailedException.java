package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.Task;

import java.util.regex.Pattern;

/**
 * A task ended in a state other than {@code done} ({@code error}, {@code cancelled} or {@code timeout}).
 * {@link #directorMessage()} is the director's own error message from the event log, or the task's result.
 */
public class DirectorTaskFailedException extends DirectorTaskException {

    private static final Pattern LOCK_WORDING = Pattern.compile("\\block\\b", Pattern.CASE_INSENSITIVE);

    private final Task task;
    private final String directorMessage;

    public DirectorTaskFailedException(String message, Task task, String directorMessage) {
        super(message, task.id());
        this.task = task;
        this.directorMessage = directorMessage;
    }

    public Task task() {
        return task;
    }

    public String directorMessage() {
        return directorMessage;
    }

    /** True when the task failed because another task held the deployment lock (scans use a zero lock timeout). */
    public boolean isLockConflict() {
        return directorMessage != null && LOCK_WORDING.matcher(directorMessage).find();
    }
}
