package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Where the actor announces what it did. */
public interface EventSink {

    void normal(HasMetadata resource, Reason reason, String message);

    void warning(HasMetadata resource, Reason reason, String message);

    /**
     * Returns once the events announced about {@code resource} are written (or given up), so that a record written
     * after it never outlives the announcement of the step before it. Sinks that write at once have nothing to wait.
     */
    default void awaitSent(HasMetadata resource) {
    }
}
