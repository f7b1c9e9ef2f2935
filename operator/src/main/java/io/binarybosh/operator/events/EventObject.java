package io.binarybosh.operator.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The object an event is about, as the event names it: no more of the object is kept while the event waits. */
public record EventObject(String apiVersion, String kind, String namespace, String name, String uid) {

    public static EventObject of(HasMetadata resource) {
        return new EventObject(resource.getApiVersion(), resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), resource.getMetadata().getUid());
    }
}
