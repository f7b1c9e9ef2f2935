package io.binarybosh.operator.director.tasks;

import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskOutputType;

/** The director calls a {@link TaskWaiter} needs. */
public interface TaskApi {

    Task task(long taskId);

    /** The output bytes from {@code offset} on; empty when there is nothing new. */
    byte[] outputFrom(long taskId, TaskOutputType type, long offset);

    /** The whole {@code ?type=result} output. */
    String result(long taskId);

    /** {@code DELETE /task/:id}. */
    void cancel(long taskId);
}
