package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.Task;

import java.util.List;

/** A task that ended {@code done}: its final record, its events and its {@code ?type=result} output. */
public record TaskResult(Task task, List<TaskEvent> events, String result) {

    public TaskResult {
        events = List.copyOf(events);
    }
}
