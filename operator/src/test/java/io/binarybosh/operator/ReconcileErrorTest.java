package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.reconcile.BinaryBoshPairReconciler;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.support.FakeDirector;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An exception the operator does not expect is retried by the reconciler's explicit policy (read here as JOSDK reads
 * it, never timed), and is shown meanwhile in status as Reconciled=False/ReconcileError without secrets, announced
 * once, and gone once a reconcile completes.
 */
class ReconcileErrorTest {

    private static final String NAMESPACE = "bosh-system";
    private static final String PASSWORD = "director-password-that-must-not-leak";
    private static final int FAILURES = 2;
    private static final long SECOND = 1_000;
    private static final String POLICY = "retried after 2 s, 2 s, then at doubling intervals up to 5 min";

    /** The retry delays JOSDK takes from the reconciler's annotation, as it configures the controller. */
    private static RetryExecution retries() {
        ScheduledExecutorService polling = Executors.newSingleThreadScheduledExecutor();
        try (BinaryBoshPairReconciler reconciler = new BinaryBoshPairReconciler(endpoint -> {
            throw new AssertionError("no director is asked");
        }, DirectorTimeouts.defaults(), polling, new SimpleMeterRegistry(), Clock.systemUTC())) {
            return new BaseConfigurationService().getConfigurationFor(reconciler).getRetry().initExecution();
        } finally {
            polling.shutdownNow();
        }
    }

    @Test
    void theRetriesWait2s2sThenDoubleUpTo5Min() {
        RetryExecution retries = retries();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(retries.nextDelay().orElseThrow());
        }
        assertThat(delays).containsExactly(2 * SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND, 32 * SECOND,
                64 * SECOND, 128 * SECOND, 256 * SECOND, 300 * SECOND, 300 * SECOND, 300 * SECOND);
    }

    @Test
    void aReconcileThatKeepsFailingIsRetried19TimesInItsFirstHour295InItsFirstDayAndNeverGivenUp() {
        // 9 retries reach the 5 min cap (2 + 2 + 4 + ... + 256 = 512 s), then one every 5 min
        assertThat(retriesWithin(retries(), Duration.ofHours(1))).isEqualTo(9 + (3600 - 512) / 300);
        assertThat(retriesWithin(retries(), Duration.ofDays(1))).isEqualTo(9 + (86_400 - 512) / 300);
        RetryExecution month = retries();
        assertThat(retriesWithin(month, Duration.ofDays(30))).isGreaterThan(8_000);
        // the pair's directors go on being looked after: there is no last attempt
        assertThat(month.isLastAttempt()).isFalse();
        assertThat(month.nextDelay()).contains(300 * SECOND);
    }

    /** How many retries the policy makes within {@code span} of the first failure, counting its delays. */
    private static int retriesWithin(RetryExecution retries, Duration span) {
        long left = span.toMillis();
        int count = 0;
        while (true) {
            long delay = retries.nextDelay().orElseThrow(() -> new AssertionError("the policy gave up"));
            if (delay > left) {
                return count;
            }
            left -= delay;
            count++;
        }
    }

    @Test
    void anUnexpectedExceptionIsShownInStatusAnnouncedOnceAndClearedByTheNextGoodReconcile() throws IOException {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test director CA")
                .build();
        AtomicInteger unpauses = new AtomicInteger();
        try (MockKubernetes kubernetes = new MockKubernetes();
             FakeDirector primary = new FakeDirector("primary-bosh", FakeDirector.certificateSignedBy(ca), "admin",
                     PASSWORD);
             FakeDirector meta = new FakeDirector("meta-bosh", FakeDirector.certificateSignedBy(ca), "admin",
                     PASSWORD)) {
            KubernetesClient client = kubernetes.client();
            meta.pauseResurrection();
            DirectorClientFactory real = new HttpDirectorClientFactory(
                    DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling()));
            OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                    "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "1", "DIRECTOR_READ_TIMEOUT_SECONDS", "1",
                    "DIRECTOR_CALL_TIMEOUT_SECONDS", "2"), new String[0]);
            try (BinaryBoshOperator operator = new BinaryBoshOperator(client, settings,
                    endpoint -> failingUnpause(real.create(endpoint), unpauses), new SimpleMeterRegistry(),
                    Clock.systemUTC())) {
                operator.start();
                for (String name : List.of("primary-director", "meta-director")) {
                    client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                            .withName(name).withNamespace(NAMESPACE).endMetadata()
                            .withStringData(Map.of("ca.crt", ca.certificatePem(), "client", "admin",
                                    "clientSecret", PASSWORD)).build()).create();
                }
                BinaryBoshPair pair = TestPairs.pair(primary.url(), meta.url());
                pair.getMetadata().setGeneration(null);
                client.resource(pair).create();

                await().atMost(Duration.ofSeconds(60)).until(() -> reconciled(client).isPresent());
                Condition failed = reconciled(client).orElseThrow();
                assertThat(failed.getStatus()).isEqualTo("False");
                assertThat(failed.getReason()).isEqualTo("ReconcileError");
                assertThat(failed.getMessage()).contains("IllegalStateException").contains(POLICY)
                        .doesNotContain(PASSWORD).doesNotContain("Authorization");
                assertThat(pair(client).orElseThrow().getStatus().getOperation()).as("the intent stays for the retry")
                        .isNotNull();

                await().atMost(Duration.ofSeconds(60)).until(() -> pair(client).map(p -> p.getStatus().getHistory())
                        .filter(history -> !history.isEmpty()).isPresent() && reconciled(client).isEmpty());
                List<OperationRecord> history = pair(client).orElseThrow().getStatus().getHistory();
                assertThat(history).singleElement().satisfies(record -> {
                    assertThat(record.getType()).isEqualTo("UnpauseResurrection");
                    assertThat(record.getResult()).isEqualTo("Succeeded");
                });
                assertThat(unpauses).as("each failure retried, the good reconcile not repeated")
                        .hasValue(FAILURES + 1);
                operator.flushEvents(); // events are written off the reconcile threads
                List<Event> announced = client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(e -> "ReconcileError".equals(e.getReason())).toList();
                assertThat(announced).as("one event for the streak of failures").singleElement().satisfies(event -> {
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getMessage()).startsWith("Reconciled is False").doesNotContain(PASSWORD);
                });
            }
        }
    }

    /** The real client, except that its first unpauses throw what no code path expects. */
    private static DirectorClient failingUnpause(DirectorClient delegate, AtomicInteger unpauses) {
        return (DirectorClient) Proxy.newProxyInstance(DirectorClient.class.getClassLoader(),
                new Class<?>[]{DirectorClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setResurrectionPaused")
                            && unpauses.incrementAndGet() <= FAILURES) {
                        throw new IllegalStateException("bug: Authorization Basic " + PASSWORD);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Optional<BinaryBoshPair> pair(KubernetesClient client) {
        return Optional.ofNullable(client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName("bosh")
                .get()).filter(p -> p.getStatus() != null);
    }

    private static Optional<Condition> reconciled(KubernetesClient client) {
        return pair(client).flatMap(p -> Conditions.find(p.getStatus().getConditions(), "Reconciled"));
    }
}
