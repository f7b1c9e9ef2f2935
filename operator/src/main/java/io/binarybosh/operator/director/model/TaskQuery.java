package io.binarybosh.operator.director.model;

import java.util.List;
import java.util.Objects;

/**
 * Filters of {@code GET /tasks}. {@code allTypes} sends {@code verbose=2}: without it the director hides
 * scan, cck, scan-and-fix and vms tasks.
 */
public record TaskQuery(List<TaskState> states, String deployment, String contextId, Integer limit, boolean allTypes) {

    public TaskQuery {
        states = List.copyOf(Objects.requireNonNull(states, "states"));
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Every task type, any state, any deployment. */
    public static TaskQuery all() {
        return new TaskQuery(List.of(), null, null, null, true);
    }

    /** Tasks of any type that are queued, processing or cancelling. */
    public static TaskQuery inFlight() {
        return all().withStates(List.of(TaskState.QUEUED, TaskState.PROCESSING, TaskState.CANCELLING));
    }

    public TaskQuery withStates(List<TaskState> newStates) {
        return new TaskQuery(newStates, deployment, contextId, limit, allTypes);
    }

    public TaskQuery withDeployment(String newDeployment) {
        return new TaskQuery(states, newDeployment, contextId, limit, allTypes);
    }

    public TaskQuery withContextId(String newContextId) {
        return new TaskQuery(states, deployment, newContextId, limit, allTypes);
    }

    public TaskQuery withLimit(int newLimit) {
        return new TaskQuery(states, deployment, contextId, newLimit, allTypes);
    }

    public TaskQuery withAllTypes(boolean newAllTypes) {
        return new TaskQuery(states, deployment, contextId, limit, newAllTypes);
    }
}
