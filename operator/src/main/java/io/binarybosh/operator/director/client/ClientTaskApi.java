package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskOutputType;
import io.binarybosh.operator.director.tasks.TaskApi;

/** The calls the task waiter makes, through a director client and its output reader. */
record ClientTaskApi(HttpDirectorClient client, TaskOutputs outputs) implements TaskApi {

    @Override
    public Task task(long taskId) {
        return client.task(taskId);
    }

    @Override
    public byte[] outputFrom(long taskId, TaskOutputType type, long offset) {
        return outputs.from(taskId, type, offset);
    }

    @Override
    public String result(long taskId) {
        return client.taskResult(taskId);
    }

    @Override
    public void cancel(long taskId) {
        client.cancelTask(taskId);
    }
}
