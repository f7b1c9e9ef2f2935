package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.support.FakeDirector;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two writers of one pair's status (here a second replica): the operator's write based on an older version is
 * refused, is not repeated over the other writer's status, and what was to follow it does not run; the operator
 * reads the pair again and goes on from the other writer's status.
 */
class StatusConflictTest {

    private static final String NAMESPACE = "bosh-system";
    private static final String PASSWORD = "director-password-that-must-not-leak";
    private static final String STATUS_PATH = "/namespaces/" + NAMESPACE + "/binaryboshpairs/bosh/status";
    private static final String OTHER_OPERATION = "unpause-by-the-other-replica";

    private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("test director CA").build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> statusWrites = new CopyOnWriteArrayList<>();
    private final AtomicBoolean raced = new AtomicBoolean();
    private final AtomicInteger directorChangesAtRace = new AtomicInteger(-1);
    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private FakeDirector primary;
    private FakeDirector meta;
    private BinaryBoshOperator operator;
    private String refusedOperation;

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        primary = new FakeDirector("primary-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        meta = new FakeDirector("meta-bosh", FakeDirector.certificateSignedBy(ca), "admin", PASSWORD);
        meta.pauseResurrection();
        KubernetesClient operatorClient = kubernetes.clientWith(new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("PUT".equals(request.method()) && request.uri().getPath().endsWith(STATUS_PATH)) {
                    statusWrites.add(request.bodyString());
                    if (request.bodyString().contains("\"UnpauseResurrection\"") && raced.compareAndSet(false, true)) {
                        otherReplicaWritesItsIntentFirst(request.bodyString());
                    }
                }
            }
        });
        OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "1", "DIRECTOR_READ_TIMEOUT_SECONDS", "1",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "2"), new String[0]);
        operator = new BinaryBoshOperator(operatorClient, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())), meters, Clock.systemUTC());
        operator.start();
    }

    @AfterEach
    void stop() throws IOException {
        operator.close();
        primary.close();
        meta.close();
        kubernetes.close();
    }

    /**
     * Between our read and our intent write, the other replica writes the same intent under its own operation id
     * (its write is based on the version we read, so it is accepted and ours is now stale).
     */
    private void otherReplicaWritesItsIntentFirst(String ourWrite) {
        BinaryBoshPair ours = client.getKubernetesSerialization().unmarshal(ourWrite, BinaryBoshPair.class);
        refusedOperation = ours.getStatus().getOperation().getId();
        directorChangesAtRace.set(meta.changeRequestCount());
        BinaryBoshPair theirs = client.getKubernetesSerialization().clone(ours);
        theirs.getStatus().getOperation().setId(OTHER_OPERATION);
        client.resource(theirs).lockResourceVersion(ours.getMetadata().getResourceVersion()).updateStatus();
    }

    private void directorSecret(String name) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NAMESPACE).endMetadata()
                .withStringData(Map.of("ca.crt", ca.certificatePem(), "client", "admin", "clientSecret", PASSWORD))
                .build()).create();
    }

    private BinaryBoshPair get() {
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName("bosh").get();
    }

    private List<OperationRecord> history() {
        BinaryBoshPair pair = get();
        return pair == null || pair.getStatus() == null ? List.of() : pair.getStatus().getHistory();
    }

    @Test
    void aRefusedIntentStopsTheActAndTheNextReconcileGoesOnFromTheOtherWritersStatus() {
        directorSecret("primary-director");
        directorSecret("meta-director");
        BinaryBoshPair pair = TestPairs.pair(primary.url(), meta.url());
        pair.getMetadata().setGeneration(null);
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(1);
        pair.getSpec().setHealth(health);
        client.resource(pair).create();

        await().atMost(Duration.ofSeconds(60)).until(() -> !history().isEmpty());

        assertThat(raced).as("the operator decided to unpause and wrote its intent").isTrue();
        assertThat(directorChangesAtRace.get()).as("nothing was asked of Meta before the intent write").isZero();
        // (a) the refused intent was never written again, over the other replica's status or otherwise
        List<String> writes = List.copyOf(statusWrites);
        int refusedAt = writes.indexOf(writes.stream().filter(w -> w.contains(refusedOperation))
                .findFirst().orElseThrow());
        assertThat(writes.subList(refusedAt + 1, writes.size()))
                .as("no write after the refusal carries the refused operation")
                .noneMatch(w -> w.contains(refusedOperation));
        // (b) the next reconcile read the other replica's intent and carried out that operation, once
        List<OperationRecord> history = history();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getId()).isEqualTo(OTHER_OPERATION);
        assertThat(history.get(0).getType()).isEqualTo("UnpauseResurrection");
        assertThat(history.get(0).getResult()).isEqualTo("Succeeded");
        assertThat(meta.changeRequestCount()).as("one PUT /resurrection, not one per writer").isEqualTo(1);
        operator.flushEvents();
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                .as("a conflict is not an error").noneMatch(e -> "ReconcileError".equals(e.getReason()));
        assertThat(meters.find("operator.sdk.reconciliations.failed").counters())
                .allSatisfy(failed -> assertThat(failed.count()).isZero());
    }
}
