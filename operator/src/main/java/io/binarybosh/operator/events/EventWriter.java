package io.binarybosh.operator.events;

import io.binarybosh.operator.model.Timestamps;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.UUID;

/** Creates one core/v1 Event in the API server, as {@code kubectl describe} and Argo CD read them. */
final class EventWriter {

    static final int MAX_MESSAGE_LENGTH = 1024;

    private final KubernetesClient client;

    EventWriter(KubernetesClient client) {
        this.client = client;
    }

    void create(PendingEvent pending) {
        EventKey key = pending.key();
        EventObject object = key.object();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(object.name() + "." + UUID.randomUUID().toString().replace("-", ""))
                .withNamespace(object.namespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(object.apiVersion())
                .withKind(object.kind())
                .withName(object.name())
                .withNamespace(object.namespace())
                .withUid(object.uid())
                .endInvolvedObject()
                .withType(key.type().wire())
                .withReason(key.reason())
                .withMessage(key.message())
                .withFirstTimestamp(Timestamps.format(pending.firstAt()))
                .withLastTimestamp(Timestamps.format(pending.lastAt()))
                .withCount(pending.count())
                .withNewSource().withComponent(EventRecorder.COMPONENT).endSource()
                .withReportingComponent(EventRecorder.COMPONENT)
                .build();
        client.v1().events().inNamespace(object.namespace()).resource(event).create();
    }
}
