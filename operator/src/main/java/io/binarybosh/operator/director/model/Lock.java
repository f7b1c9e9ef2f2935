package io.binarybosh.operator.director.model;

import java.util.List;

/** A lock from {@code GET /locks}; {@code timeout} is the expiry in epoch seconds, as a string. */
public record Lock(String type, List<String> resource, String timeout, String taskId) {

    public Lock {
        resource = resource == null ? List.of() : List.copyOf(resource);
    }
}
