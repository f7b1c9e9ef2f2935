package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Where the actor announces what it did. */
public interface EventSink {

    void normal(HasMetadata resource, Reason reason, String message);

    void warning(HasMetadata resource, Reason reason, String message);
}
