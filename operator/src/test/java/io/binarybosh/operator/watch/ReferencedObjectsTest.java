package io.binarybosh.operator.watch;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Watches of referenced Secrets against fabric8's mock API server: what is watched, and who is woken. */
class ReferencedObjectsTest {

    private static final String NS = "bosh-system";
    private static final String REFERENCES = "test/references";

    private MockKubernetes kubernetes;
    private KubernetesClient client;
    /** What each pair references, by pair name: the test's stand-in for the specs and the pair cache's index. */
    private final Map<String, Set<String>> references = new ConcurrentHashMap<>();
    private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
    private ReferencedObjects<Secret> secrets;

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        secrets = new ReferencedObjects<>("referenced-secrets", Secret.class, client,
                pair -> Set.of(pair.getMetadata().getAnnotations().get(REFERENCES).split(",")),
                key -> references.entrySet().stream()
                        .filter(entry -> key.namespace().equals(NS) && entry.getValue().contains(key.name()))
                        .map(entry -> new ResourceID(entry.getKey(), NS))
                        .collect(Collectors.toSet()));
        secrets.setEventHandler(event -> woken.add(((Event) event).getRelatedCustomResourceID()));
        secrets.start();
    }

    @AfterEach
    void stop() {
        secrets.stop();
        kubernetes.close();
    }

    /** A pair whose spec references the named Secrets, and that the pair cache's index lists under them. */
    private BinaryBoshPair references(String name, String... secretNames) {
        references.put(name, Set.of(secretNames));
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
                .withAnnotations(Map.of(REFERENCES, String.join(",", secretNames))).build());
        return pair;
    }

    private void secret(String name, String value) {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withData(Map.of("value", value)).build()).createOr(
                        existing -> existing.update());
    }

    private String value(String name) {
        return secrets.find(NS, name).map(s -> s.getData().get("value")).orElse(null);
    }

    @Test
    void aReferencedSecretIsWatchedAndItsChangesWakeThePairsThatReferenceIt() {
        secret("unrelated", "dW5yZWxhdGVk");
        secrets.onResourceCreated(references("a", "director"));
        secrets.onResourceCreated(references("b", "director", "ssh"));
        assertThat(secrets.watched()).containsExactlyInAnyOrder(new ObjectKey(NS, "director"),
                new ObjectKey(NS, "ssh"));
        assertThat(secrets.find(NS, "director")).as("not created yet").isEmpty();

        secret("director", "b25l");
        await().atMost(Duration.ofSeconds(10)).until(() -> "b25l".equals(value("director")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Set.copyOf(woken).equals(
                Set.of(new ResourceID("a", NS), new ResourceID("b", NS))));

        woken.clear();
        secret("ssh", "c3No");
        await().atMost(Duration.ofSeconds(10)).until(() -> woken.contains(new ResourceID("b", NS)));
        secret("unrelated", "Y2hhbmdlZA==");
        secret("ssh", "c3NoMg==");
        await().atMost(Duration.ofSeconds(10)).until(() -> woken.size() >= 2);
        assertThat(woken).as("ssh wakes b only; the unrelated Secret is not watched and wakes no one")
                .containsOnly(new ResourceID("b", NS));
        assertThat(secrets.watched()).doesNotContain(new ObjectKey(NS, "unrelated"));

        secret("director", "dHdv");
        await().atMost(Duration.ofSeconds(10)).until(() -> "dHdv".equals(value("director"))
                && woken.contains(new ResourceID("a", NS)));

        client.secrets().inNamespace(NS).withName("director").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> value("director") == null);
    }

    @Test
    void aWatchEndsWhenTheLastPairThatReferencesItLetsGo() {
        secret("director", "b25l");
        BinaryBoshPair a = references("a", "director", "old");
        BinaryBoshPair b = references("b", "director");
        secrets.onResourceCreated(a);
        secrets.onResourceCreated(b);

        secrets.onResourceUpdated(references("a", "director", "new"), a);
        assertThat(secrets.watched()).extracting(ObjectKey::name).containsExactlyInAnyOrder("director", "new");

        BinaryBoshPair newA = references("a", "director", "new");
        references.remove("a");
        secrets.onResourceDeleted(newA);
        assertThat(secrets.watched()).extracting(ObjectKey::name).containsExactly("director");
        assertThat(value("director")).isEqualTo("b25l");

        references.remove("b");
        secrets.onResourceDeleted(b);
        assertThat(secrets.watched()).isEmpty();
        assertThat(value("director")).as("a lookup of an unreferenced Secret reads it once, keeps no watch")
                .isEqualTo("b25l");
        assertThat(secrets.watched()).isEmpty();
    }
}
