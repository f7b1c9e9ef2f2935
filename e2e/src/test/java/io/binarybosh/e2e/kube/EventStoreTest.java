package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events as the embedded API keeps them apart from the CRUD mock: what a client and kubectl describe see. */
class EventStoreTest {

    private final KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start();
    private final KubernetesClient client = api.client();

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private Event event(String namespace, String name, String involved, String reason) {
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withKind("BinaryBoshPair").withName(involved).withNamespace(namespace)
                .endInvolvedObject().withReason(reason).withType("Normal").build();
    }

    @Test
    void eventsAreCreatedListedByNamespaceOrObjectAndReadByName() {
        Event created = client.v1().events().inNamespace("a").resource(event("a", "e1", "bosh", "One")).create();
        client.v1().events().inNamespace("a").resource(event("a", "e2", "other", "Two")).create();
        client.v1().events().inNamespace("b").resource(event("b", "e3", "bosh", "Three")).create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(client.v1().events().inNamespace("a").list().getItems()).extracting(Event::getReason)
                .containsExactly("One", "Two");
        assertThat(client.v1().events().inAnyNamespace().list().getItems()).hasSize(3);
        assertThat(client.v1().events().inNamespace("a").withField("involvedObject.name", "bosh").list().getItems())
                .extracting(Event::getReason).containsExactly("One");
        assertThat(client.v1().events().inNamespace("a").withName("e2").get().getReason()).isEqualTo("Two");
        assertThat(client.v1().events().inNamespace("a").withName("missing").get()).isNull();
        assertThatThrownBy(() -> client.v1().events().inNamespace("a").resource(event("a", "e1", "bosh", "Again"))
                .create()).isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(api.requests()).as("every request is still recorded")
                .filteredOn(r -> r.method().equals("POST")).hasSize(4);
    }
}
