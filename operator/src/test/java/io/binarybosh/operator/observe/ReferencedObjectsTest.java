package io.binarybosh.operator.observe;

import io.binarybosh.operator.support.MockKubernetes;
import io.binarybosh.operator.support.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Referenced Secrets read by name against fabric8's mock API server: when the API is asked, and what is kept. */
class ReferencedObjectsTest {

    private static final String NS = "bosh-system";
    private static final Instant START = Instant.parse("2026-12-05T03:00:00Z");

    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private final MutableClock clock = new MutableClock(START);
    private ReferencedObjects<Secret> secrets;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        secrets = new ReferencedObjects<>(Secret.class, client, clock);
        kubernetes.takeRequests();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    private void secret(String name, String value) {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withData(Map.of("value", value)).build()).createOr(
                        existing -> existing.update());
    }

    private String value(String name) {
        return secrets.find(NS, name).map(s -> s.getData().get("value")).orElse(null);
    }

    /** The reads of Secrets the API received since the last call, writes of the test left out. */
    private List<String> reads() throws InterruptedException {
        return kubernetes.takeRequests().stream().filter(r -> r.startsWith("GET ")).toList();
    }

    @Test
    void aSecretIsReadByNameAndKeptAMinute() throws Exception {
        secret("director", "b25l");
        secret("unrelated", "dW5yZWxhdGVk");
        reads();

        assertThat(value("director")).isEqualTo("b25l");
        assertThat(reads()).as("one read of that Secret by its name, no list, no watch")
                .containsExactly("GET /api/v1/namespaces/" + NS + "/secrets/director");

        secret("director", "dHdv");
        reads();
        clock.set(START.plus(ReferencedObjects.MAX_AGE).minusSeconds(1));
        assertThat(value("director")).as("kept for a minute").isEqualTo("b25l");
        assertThat(reads()).isEmpty();

        clock.set(START.plus(ReferencedObjects.MAX_AGE));
        assertThat(value("director")).as("read again after a minute").isEqualTo("dHdv");
        assertThat(reads()).hasSize(1);
        assertThat(secrets.kept()).containsExactly(new ObjectKey(NS, "director"));
    }

    @Test
    void aMissingSecretIsAskedForAtEveryLookupSoThatOneCreatedLaterIsUsedAtOnce() throws Exception {
        assertThat(value("director")).isNull();
        assertThat(value("director")).isNull();
        assertThat(reads()).hasSize(2);

        secret("director", "b25l");
        assertThat(value("director")).isEqualTo("b25l");
        client.secrets().inNamespace(NS).withName("director").delete();
        clock.set(START.plus(ReferencedObjects.MAX_AGE));
        assertThat(value("director")).as("deleted").isNull();
        assertThat(secrets.kept()).isEmpty();
    }

    @Test
    void aSecretMarkedStaleIsReadAgainAtTheNextLookup() throws Exception {
        secret("director", "d3Jvbmc=");
        assertThat(value("director")).isEqualTo("d3Jvbmc=");
        secret("director", "cmlnaHQ=");
        reads();

        secrets.stale(NS, "director");
        assertThat(value("director")).isEqualTo("cmlnaHQ=");
        assertThat(reads()).hasSize(1);
    }

    @Test
    void aSecretNoLookupAskedForInTenMinutesIsDropped() {
        secret("old", "b2xk");
        secret("director", "b25l");
        assertThat(value("old")).isEqualTo("b2xk");

        clock.set(START.plus(ReferencedObjects.FORGET_AFTER).plusSeconds(1));
        for (int i = 0; i < 1_000; i++) {
            value("director");
        }
        assertThat(secrets.kept()).containsExactly(new ObjectKey(NS, "director"));
    }
}
