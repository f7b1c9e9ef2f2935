package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator next to thousands of large Secrets it has no business with (Helm release Secrets, other teams'
 * credentials), in the pair's namespace and another: it asks the API server only for the Secrets the pair
 * references, and its heap does not grow with the others.
 */
class UnreferencedSecretsMemoryTest {

    private static final String NAMESPACE = "bosh-system";
    private static final int UNRELATED = 2_000;
    private static final int UNRELATED_BYTES = 24 * 1024;

    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private BinaryBoshOperator operator;

    @BeforeEach
    void start() throws Exception {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        kubernetes.close();
    }

    @Test
    void onlyTheReferencedSecretsAreReadAndTheHeapDoesNotFollowTheOthers() throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < UNRELATED; i++) {
                int index = i;
                created.add(creators.submit(() -> unrelatedSecret(index)));
            }
            for (Future<?> each : created) {
                each.get();
            }
        } finally {
            creators.shutdownNow();
        }
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").build();
        String encodedCa = Base64.getEncoder().encodeToString(ca.certificatePem().getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("primary-director", "meta-director")) {
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                    .endMetadata().withData(Map.of("ca.crt", encodedCa,
                            "client", Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8)),
                            "clientSecret", Base64.getEncoder().encodeToString("pw".getBytes(StandardCharsets.UTF_8))))
                    .build()).create();
        }
        kubernetes.takeRequests();
        long before = liveHeap();

        operator = new BinaryBoshOperator(client, OperatorSettings.from(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "1", "DIRECTOR_READ_TIMEOUT_SECONDS", "1",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "2"), new String[0]),
                new HttpDirectorClientFactory(DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())),
                new SimpleMeterRegistry(), Clock.systemUTC());
        operator.start();
        BinaryBoshPair pair = TestPairs.pair("https://127.0.0.1:" + unusedPort(), "https://127.0.0.2:" + unusedPort());
        pair.getMetadata().setGeneration(null);
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(1);
        pair.getSpec().setHealth(health);
        client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).resource(pair).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            BinaryBoshPair current = client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName("bosh")
                    .get();
            return current.getStatus() != null && Conditions.find(current.getStatus().getConditions(), "SpecValid")
                    .filter(c -> "True".equals(c.getStatus())).isPresent()
                    && Conditions.find(current.getStatus().getConditions(), "PrimaryReachable")
                    .filter(c -> "ConnectionFailed".equals(c.getReason())).isPresent();
        });

        List<String> secretReads = kubernetes.takeRequests().stream()
                .filter(request -> request.startsWith("GET ") && request.contains("/secrets")).toList();
        assertThat(secretReads).isNotEmpty().allSatisfy(request -> assertThat(request)
                .matches("GET /api/v1/namespaces/" + NAMESPACE + "/secrets/(primary-director|meta-director)"));
        long liveSecrets = liveInstances("io.fabric8.kubernetes.api.model.Secret");
        long grown = liveHeap() - before;
        assertThat(liveSecrets).as("Secret objects on the heap").isLessThanOrEqualTo(10);
        long payload = (long) UNRELATED * UNRELATED_BYTES;
        assertThat(grown).as("heap growth with the operator running, against %d MiB of unrelated Secrets",
                payload >> 20).isLessThan(payload / 4);
    }

    /** Like a Helm release Secret: large, and with contents of its own (no string is shared between two). */
    private void unrelatedSecret(int index) {
        byte[] blob = new byte[UNRELATED_BYTES];
        new Random(index).nextBytes(blob);
        client.secrets().inNamespace(index % 2 == 0 ? NAMESPACE : "helm-releases").resource(new SecretBuilder()
                .withNewMetadata().withName("sh.helm.release.v1.app" + index + ".v1").endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", Base64.getEncoder().encodeToString(blob))).build()).create();
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Live objects only: the class histogram collects garbage first. */
    private static long liveHeap() throws Exception {
        classHistogram();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long liveInstances(String className) throws Exception {
        return Arrays.stream(classHistogram().split("\n"))
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(className))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .sum();
    }

    private static String classHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{null}, new String[]{String[].class.getName()});
    }
}
