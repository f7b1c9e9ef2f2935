package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.LogCapture;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.support.FakeDirector;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real operator (JOSDK Operator, informers, polling, status writes, events) against fabric8's mock API server
 * and two HTTPS directors speaking the real /info, through the real director client.
 */
class ObservingOperatorTest {

    private static final String NAMESPACE = "bosh-system";
    private static final int POLL_SECONDS = 1;
    private static final String PASSWORD = "director-password-that-must-not-leak";

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("test director CA").build();
    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private FakeDirector primary;
    private FakeDirector meta;
    private BinaryBoshOperator operator;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        primary = new FakeDirector("primary-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        meta = new FakeDirector("meta-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "1", "DIRECTOR_READ_TIMEOUT_SECONDS", "1",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "2"), new String[0]);
        operator = new BinaryBoshOperator(client, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())), meters,
                Clock.systemUTC());
        operator.start();
    }

    @AfterEach
    void stop() throws IOException {
        operator.close();
        primary.close();
        meta.close();
        kubernetes.close();
    }

    private void directorSecret(String name, String caPem, String password) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).endMetadata()
                .withStringData(Map.of("ca.crt", caPem, "client", "admin", "clientSecret", password)).build())
                .create();
    }

    private BinaryBoshPair createPair(String name, String primaryUrl, String primarySecret, String metaUrl,
                                      String metaSecret) {
        BinaryBoshPair pair = TestPairs.pair(primaryUrl, metaUrl);
        pair.getMetadata().setName(name);
        pair.getMetadata().setNamespace(NAMESPACE);
        pair.getMetadata().setGeneration(null);
        pair.getSpec().getPrimary().getCaSecretRef().setName(primarySecret);
        pair.getSpec().getPrimary().getCredentialsSecretRef().setName(primarySecret);
        pair.getSpec().getMeta().getCaSecretRef().setName(metaSecret);
        pair.getSpec().getMeta().getCredentialsSecretRef().setName(metaSecret);
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(POLL_SECONDS);
        health.setUnreachableAfterSeconds(POLL_SECONDS);
        health.setForceRecreateAfterSeconds(POLL_SECONDS);
        pair.getSpec().setHealth(health);
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).resource(pair).create();
    }

    private BinaryBoshPair get(String name) {
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private Optional<Condition> condition(String pair, String type) {
        BinaryBoshPair current = get(pair);
        if (current == null || current.getStatus() == null) {
            return Optional.empty();
        }
        return Conditions.find(current.getStatus().getConditions(), type);
    }

    private boolean conditionIs(String pair, String type, String status, String reason) {
        return condition(pair, type).map(c -> c.getStatus().equals(status) && c.getReason().equals(reason))
                .orElse(false);
    }

    private List<Event> events(String pair, String reason) {
        operator.flushEvents(); // events are written off the reconcile threads
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> pair.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    private Optional<Double> reachable(String pair, String role) {
        return Optional.ofNullable(meters.find("binarybosh.director.reachable").tag("namespace", NAMESPACE)
                .tag("pair", pair).tag("role", role).gauge()).map(Gauge::value);
    }

    @Test
    void observesBothDirectorsAndNoticesOneThatStopsAnswering() throws IOException {
        directorSecret("primary-director", ca.certificatePem(), PASSWORD);
        directorSecret("meta-director", ca.certificatePem(), PASSWORD);
        createPair("bosh", primary.url(), "primary-director", meta.url(), "meta-director");

        await().atMost(Duration.ofSeconds(20)).until(() -> conditionIs("bosh", "MetaReachable", "True",
                "DirectorAnswered") && conditionIs("bosh", "PrimaryReachable", "True", "DirectorAnswered"));
        BinaryBoshPair observed = get("bosh");
        assertThat(observed.getStatus().getObservedGeneration()).isEqualTo(observed.getMetadata().getGeneration());
        assertThat(observed.getStatus().getPhase()).as("directors that only answer /info cannot be shown to manage "
                + "each other").isEqualTo("Degraded");
        assertThat(observed.getStatus().getPrimary().getName()).isEqualTo("primary-bosh");
        assertThat(observed.getStatus().getPrimary().getUuid()).isEqualTo("primary-bosh-uuid");
        assertThat(observed.getStatus().getPrimary().getVersion()).isEqualTo("283.1.6 (00000000)");
        assertThat(observed.getStatus().getPrimary().getUser()).isEqualTo("admin");
        assertThat(observed.getStatus().getPrimary().getReachable()).isTrue();
        assertThat(observed.getStatus().getPrimary().getLastSeenTime()).isNotNull();
        assertThat(observed.getStatus().getMeta().getName()).isEqualTo("meta-bosh");
        assertThat(Conditions.find(observed.getStatus().getConditions(), "SpecValid").orElseThrow().getStatus())
                .isEqualTo("True");
        assertThat(Conditions.find(observed.getStatus().getConditions(), "Ready").orElseThrow().getStatus())
                .isEqualTo("False");

        // Nothing changes in the world: polls go on, the status is not written again.
        String resourceVersion = get("bosh").getMetadata().getResourceVersion();
        int requestsBefore = meta.requestCount();
        await().atMost(Duration.ofSeconds(10)).until(() -> meta.requestCount() >= requestsBefore + 3);
        assertThat(get("bosh").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(events("bosh", "DirectorAnswered")).as("a first value that is no news").isEmpty();
        String readyReason = Conditions.find(get("bosh").getStatus().getConditions(), "Ready").orElseThrow()
                .getReason();
        assertThat(events("bosh", readyReason)).as("Ready's first value, announced once").hasSize(1);
        assertThat(reachable("bosh", "primary")).contains(1.0);
        assertThat(reachable("bosh", "meta")).contains(1.0);
        assertThat(reachable("bosh", "micro")).as("no Micro declared").isEmpty();

        meta.close();
        long stoppedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> conditionIs("bosh", "MetaReachable", "False", "ConnectionFailed"));
        Duration detection = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(detection).as("within two poll intervals").isLessThanOrEqualTo(
                Duration.ofSeconds(2L * POLL_SECONDS).plusMillis(1500));
        BinaryBoshPair down = get("bosh");
        assertThat(down.getStatus().getMeta().getReachable()).isFalse();
        assertThat(down.getStatus().getMeta().getState()).isEqualTo("Unreachable");
        assertThat(down.getStatus().getMeta().getLastError()).isNotBlank();
        assertThat(down.getStatus().getMeta().getName()).isEqualTo("meta-bosh");
        assertThat(down.getStatus().getPhase()).isEqualTo("Degraded");
        assertThat(conditionIs("bosh", "PrimaryReachable", "True", "DirectorAnswered")).isTrue();

        // One event for the transition, not one per poll.
        await().during(Duration.ofSeconds(3L * POLL_SECONDS)).atMost(Duration.ofSeconds(5))
                .until(() -> events("bosh", "ConnectionFailed").size() == 1);
        Event event = events("bosh", "ConnectionFailed").get(0);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getMessage()).startsWith("MetaReachable is False");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("BinaryBoshPair");
        await().atMost(Duration.ofSeconds(5)).until(() -> reachable("bosh", "meta").equals(Optional.of(0.0)));
        assertThat(reachable("bosh", "primary")).contains(1.0);

        // JOSDK counts reconciles per controller; only the reachability and pair state gauges name a pair.
        assertThat(meters.find("operator.sdk.reconciliations.started").counter()).isNotNull()
                .satisfies(started -> assertThat(started.count()).isPositive());
        assertThat(meters.find("operator.sdk.reconciliations.success").counter()).isNotNull();
        assertThat(meters.getMeters()).filteredOn(meter -> !meter.getId().getName()
                        .equals("binarybosh.director.reachable") && !meter.getId().getName().startsWith("binarybosh.pair."))
                .allSatisfy(meter -> assertThat(meter.getId().getTags()).extracting(Tag::getValue)
                        .as(meter.getId().getName()).doesNotContain("bosh"));

        assertThat(meters.find("binarybosh.pair.ready").tag("pair", "bosh").gauge()).isNotNull();
        assertThat(meters.find("binarybosh.pair.blocked").tag("pair", "bosh").gauges()).hasSize(1);
        client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName("bosh").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find("binarybosh.director.reachable").gauges()
                .isEmpty() && meters.find("binarybosh.pair.ready").tag("pair", "bosh").gauges().isEmpty());
    }

    @Test
    void badInputGetsAPreciseConditionAnEventAndNoDirectorCall() throws IOException {
        LogCapture logs = new LogCapture("io.binarybosh.operator");
        try {
            badInputIsReported();
        } finally {
            logs.close();
        }
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD)
                || line.contains("not-the-password"));
        assertThat(logs.lines()).filteredOn(line -> line.contains(".reconcile.") || line.contains(".observe.")
                        || line.contains(".act.") || line.contains(".director."))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).containsPattern("pair=bosh-system/[a-z-]+")
                        .containsPattern("step=\\w+"));
    }

    private void badInputIsReported() throws IOException {
        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other CA").build();
        directorSecret("good", ca.certificatePem(), PASSWORD);
        directorSecret("wrong-password", ca.certificatePem(), "not-the-password");
        directorSecret("not-pem", "this is not a certificate", PASSWORD);
        directorSecret("other-ca", otherCa.certificatePem(), PASSWORD);
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            unusedPort = socket.getLocalPort();
        }

        FakeDirector untouched = new FakeDirector("untouched", FakeDirector.certificateSignedBy(ca), "admin",
                PASSWORD);
        createPair("missing-secret", untouched.url(), "does-not-exist", meta.url(), "good");
        createPair("bad-ca", untouched.url(), "not-pem", meta.url(), "good");
        createPair("wrong-credentials", primary.url(), "wrong-password", meta.url(), "good");
        createPair("untrusted", primary.url(), "other-ca", meta.url(), "good");
        createPair("unreachable", "https://127.0.0.1:" + unusedPort, "good", meta.url(), "good");

        await().atMost(Duration.ofSeconds(20)).until(() ->
                conditionIs("missing-secret", "SpecValid", "False", "SecretNotFound")
                        && conditionIs("bad-ca", "SpecValid", "False", "InvalidCaCertificate")
                        && conditionIs("wrong-credentials", "PrimaryReachable", "False", "CredentialsRejected")
                        && conditionIs("untrusted", "PrimaryReachable", "False", "CertificateUntrusted")
                        && conditionIs("unreachable", "PrimaryReachable", "False", "ConnectionFailed"));

        assertThat(condition("missing-secret", "SpecValid").orElseThrow().getMessage())
                .contains("Secret 'does-not-exist' not found");
        assertThat(condition("missing-secret", "PrimaryReachable").orElseThrow().getStatus()).isEqualTo("Unknown");
        assertThat(condition("bad-ca", "SpecValid").orElseThrow().getMessage()).contains("not-pem");
        assertThat(condition("wrong-credentials", "SpecValid").orElseThrow().getStatus()).isEqualTo("True");
        assertThat(get("wrong-credentials").getStatus().getPrimary().getReachable()).isTrue();
        assertThat(get("wrong-credentials").getStatus().getPrimary().getState()).isEqualTo("Unauthenticated");
        assertThat(get("wrong-credentials").getStatus().getPrimary().getUser()).isNull();

        assertThat(events("missing-secret", "SecretNotFound")).hasSize(1);
        assertThat(events("bad-ca", "InvalidCaCertificate")).hasSize(1);
        assertThat(events("wrong-credentials", "CredentialsRejected")).hasSize(1);
        assertThat(events("untrusted", "CertificateUntrusted")).hasSize(1);
        assertThat(events("unreachable", "ConnectionFailed")).hasSize(1);

        // A director whose Secret is wrong is never contacted; the others are only observed, never changed.
        assertThat(untouched.requestCount()).isZero();
        untouched.close();
        assertThat(primary.requestCount()).isPositive();
        assertThat(primary.changeRequestCount()).isZero();
        assertThat(meta.changeRequestCount()).isZero();

        String everything = client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).list().getItems()
                .stream().map(p -> Serialization.asJson(p.getStatus())).reduce("", String::concat)
                + client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .map(Event::getMessage).reduce("", String::concat);
        assertThat(everything).doesNotContain(PASSWORD).doesNotContain("not-the-password");
    }
}
