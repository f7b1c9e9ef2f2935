package io.binarybosh.e2e.sim.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task as the `tasks` table holds it. `args` are the job's arguments, kept so that a director started
 * on a copied store can still run tasks that were queued on the source.
 */
public record TaskRow(long id, String state, String description, String type, Long timestamp, Long startedAt,
                      String result, String user, String deployment, String contextId, long checkpointAtMillis,
                      JsonNode args) {

    public boolean isRunning() {
        return "queued".equals(state) || "processing".equals(state) || "cancelling".equals(state);
    }

    public TaskRow withState(String value) {
        return new TaskRow(id, value, description, type, timestamp, startedAt, result, user, deployment, contextId,
                checkpointAtMillis, args);
    }

    public TaskRow started(long nowMillis) {
        return new TaskRow(id, "processing", description, type, null, nowMillis / 1000, result, user, deployment,
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
        return new TaskRow(id, finalState, description, type, nowMillis / 1000, startedAt, truncated, user,
                deployment, contextId, checkpointAtMillis, args);
    }
}
