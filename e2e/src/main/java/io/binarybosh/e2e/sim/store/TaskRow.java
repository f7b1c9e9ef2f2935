package io.binarybosh.e2e.sim.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task as the `tasks` table holds it. `args` are the job's arguments, kept so that a director started
 * on a copied store can still run tasks that were queued on the source. `timestamp` is the table's column in
 * milliseconds: set when the task is queued (`job_queue.rb`), started and finished (`job_runner.rb`); the API
 * shows it in seconds, and only for a task that is neither queued nor processing (`task_manager.rb`).
 */
public record TaskRow(long id, String state, String description, String type, Long timestamp, Long startedAt,
                      String result, String user, String deployment, String contextId, long checkpointAtMillis,
                      JsonNode args) {

    /** What `GET /tasks` and `/tasks/:id` show as `timestamp`: null while queued or processing. */
    public Long shownTimestamp() {
        return timestamp == null || "queued".equals(state) || "processing".equals(state) ? null : timestamp / 1000;
    }

    /** The order of `GET /tasks`: `timestamp` descending (`ctl/tasks_controller.rb`). */
    public long sortTimestamp() {
        return timestamp == null ? 0 : timestamp;
    }

    public boolean isRunning() {
        return "queued".equals(state) || "processing".equals(state) || "cancelling".equals(state);
    }

    public TaskRow withState(String value) {
        return new TaskRow(id, value, description, type, timestamp, startedAt, result, user, deployment, contextId,
                checkpointAtMillis, args);
    }

    public TaskRow started(long nowMillis) {
        return new TaskRow(id, "processing", description, type, nowMillis, nowMillis / 1000, result, user, deployment,
                contextId, nowMillis, args);
    }

    public TaskRow withStartedAt(long epochSeconds) {
        return new TaskRow(id, state, description, type, timestamp, epochSeconds, result, user, deployment, contextId,
                checkpointAtMillis, args);
    }

    public TaskRow checkpoint(long nowMillis) {
        return new TaskRow(id, state, description, type, timestamp, startedAt, result, user, deployment, contextId,
                nowMillis, args);
    }

    public TaskRow finished(String finalState, String resultText, long nowMillis) {
        String truncated = resultText != null && resultText.length() > 128 ? resultText.substring(0, 128) : resultText;
        return new TaskRow(id, finalState, description, type, nowMillis, startedAt, truncated, user,
                deployment, contextId, checkpointAtMillis, args);
    }
}
