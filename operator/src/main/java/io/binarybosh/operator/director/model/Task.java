package io.binarybosh.operator.director.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A director task ({@code GET /tasks/:id}). {@code timestamp} is null until the task finishes (epoch
 * seconds); {@code result} is truncated by the director to about 128 characters.
 */
public record Task(@JsonProperty(required = true) long id, TaskState state, String description, Long timestamp,
                   Long startedAt, String result, String user, String deployment, String contextId) {

    public Task {
        Objects.requireNonNull(state, "state");
    }
}
