package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.support.FakeDirector;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An exception the operator does not expect (here from the director client, while unpausing resurrection) is
 * shown in status as Reconciled=False/ReconcileError without secrets, announced once, retried with backoff, and
 * gone once a reconcile completes.
 */
class ReconcileErrorTest {

    private static final String NAMESPACE = "bosh-system";
    private static final String PASSWORD = "director-password-that-must-not-leak";
    private static final int FAILURES = 3;

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("test director CA").build();
    private final List<Long> unpauseCalls = new CopyOnWriteArrayList<>();
    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private FakeDirector primary;
    private FakeDirector meta;
    private BinaryBoshOperator operator;

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        primary = new FakeDirector("primary-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        meta = new FakeDirector("meta-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        meta.pauseResurrection();
        DirectorClientFactory real = new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling()));
        DirectorClientFactory failingUnpause = endpoint -> failingUnpause(real.create(endpoint));
        OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "1", "DIRECTOR_READ_TIMEOUT_SECONDS", "1",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "2"), new String[0]);
        operator = new BinaryBoshOperator(client, settings, failingUnpause, new SimpleMeterRegistry(),
                Clock.systemUTC());
        operator.start();
    }

    /** The real client, except that its first unpauses throw what no code path expects. */
    private DirectorClient failingUnpause(DirectorClient delegate) {
        return (DirectorClient) Proxy.newProxyInstance(DirectorClient.class.getClassLoader(),
                new Class<?>[]{DirectorClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setResurrectionPaused")) {
                        unpauseCalls.add(System.nanoTime());
                        if (unpauseCalls.size() <= FAILURES) {
                            throw new IllegalStateException("bug: Authorization Basic " + PASSWORD);
                        }
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void stop() throws IOException {
        operator.close();
        primary.close();
        meta.close();
        kubernetes.close();
    }

    private void directorSecret(String name) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).endMetadata()
                .withStringData(Map.of("ca.crt", ca.certificatePem(), "client", "admin", "clientSecret", PASSWORD))
                .build()).create();
    }

    private Optional<BinaryBoshPair> pair() {
        return Optional.ofNullable(client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName("bosh")
                .get()).filter(p -> p.getStatus() != null);
    }

    private Optional<Condition> reconciled() {
        return pair().flatMap(p -> Conditions.find(p.getStatus().getConditions(), "Reconciled"));
    }

    private List<Event> events(String reason) {
        operator.flushEvents(); // events are written off the reconcile threads
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    private Duration retry(int n) {
        return Duration.ofNanos(unpauseCalls.get(n) - unpauseCalls.get(n - 1));
    }

    @Test
    void anUnexpectedExceptionIsShownInStatusAndRetriedWithBackoff() {
        directorSecret("primary-director");
        directorSecret("meta-director");
        BinaryBoshPair pair = TestPairs.pair(primary.url(), meta.url());
        pair.getMetadata().setGeneration(null);
        // No new observation during the test: only the retry policy brings the next reconcile.
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(120);
        health.setUnreachableAfterSeconds(120);
        pair.getSpec().setHealth(health);
        client.resource(pair).create();

        await().atMost(Duration.ofSeconds(60)).until(() -> reconciled().isPresent());
        Condition failed = reconciled().orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("False");
        assertThat(failed.getReason()).isEqualTo("ReconcileError");
        assertThat(failed.getMessage()).contains("IllegalStateException")
                .contains("retried after 2 s, 2 s, then at doubling intervals up to 5 min")
                .doesNotContain(PASSWORD).doesNotContain("Authorization");
        assertThat(pair().orElseThrow().getStatus().getOperation()).as("the intent stays for the retry")
                .isNotNull();

        await().atMost(Duration.ofSeconds(60)).until(() -> pair().map(p -> p.getStatus().getHistory())
                .filter(history -> !history.isEmpty()).isPresent() && reconciled().isEmpty());
        List<OperationRecord> history = pair().orElseThrow().getStatus().getHistory();
        assertThat(history).singleElement().satisfies(record -> {
            assertThat(record.getType()).isEqualTo("UnpauseResurrection");
            assertThat(record.getResult()).isEqualTo("Succeeded");
        });
        assertThat(unpauseCalls).hasSize(FAILURES + 1);
        // Lower bounds are the policy; upper ones only leave room for a loaded machine. A new observation (the
        // observer looks again soon after an operation starts) reconciles at once whatever the backoff: at most one
        // such early reconcile is left out of the intervals the policy sets.
        List<Duration> gaps = java.util.stream.IntStream.rangeClosed(1, FAILURES).mapToObj(this::retry).toList();
        List<Duration> policy = gaps.stream().filter(gap -> gap.compareTo(Duration.ofSeconds(1)) >= 0).toList();
        assertThat(gaps.size() - policy.size()).as("reconciles brought by an event, not the policy: " + gaps)
                .isLessThanOrEqualTo(1);
        // the policy's intervals, in order: 2 s, 2 s, then doubling (4 s)
        List<Duration> least = List.of(Duration.ofMillis(1900), Duration.ofMillis(1900), Duration.ofMillis(3900));
        List<Duration> most = List.of(Duration.ofMillis(6000), Duration.ofMillis(6000), Duration.ofMillis(12000));
        assertThat(policy).as("retries by the policy: " + gaps).hasSizeGreaterThanOrEqualTo(FAILURES - 1);
        for (int i = 0; i < policy.size(); i++) {
            assertThat(policy.get(i)).as("retry " + (i + 1) + " of " + gaps).isBetween(least.get(i), most.get(i));
        }

        List<Event> announced = events("ReconcileError");
        assertThat(announced).as("one event for the streak of failures").hasSize(1);
        assertThat(announced.get(0).getType()).isEqualTo("Warning");
        assertThat(announced.get(0).getMessage()).startsWith("Reconciled is False").doesNotContain(PASSWORD);
    }
}
