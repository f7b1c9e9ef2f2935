package io.binarybosh.operator.operation;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Where the actor announces what it did. */
public interface EventSink {

    void normal(HasMetadata resource, String reason, String message);

    void warning(HasMetadata resource, String reason, String message);
}
