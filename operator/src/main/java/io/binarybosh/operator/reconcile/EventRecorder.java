package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.EventSink;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.UUID;

/**
 * Writes core/v1 Events about a resource, where {@code kubectl describe} and Argo CD show them. A failure to
 * record is logged, never allowed to fail the reconcile.
 */
public final class EventRecorder implements EventSink {

    public static final String COMPONENT = "binary-bosh-operator";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final int MAX_MESSAGE_LENGTH = 1024;

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void normal(HasMetadata resource, Reason reason, String message) {
        record(resource, "Normal", reason.wire(), message);
    }

    @Override
    public void warning(HasMetadata resource, Reason reason, String message) {
        record(resource, "Warning", reason.wire(), message);
    }

    private void record(HasMetadata resource, String type, String reason, String message) {
        String now = Timestamps.format(clock.instant());
        String text = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message;
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(resource.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", ""))
                .withNamespace(resource.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(resource.getApiVersion())
                .withKind(resource.getKind())
                .withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace())
                .withUid(resource.getMetadata().getUid())
                .withResourceVersion(resource.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(text)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("pair={}/{} could not record event {}: {}", resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), reason, e.getMessage());
        }
    }
}
