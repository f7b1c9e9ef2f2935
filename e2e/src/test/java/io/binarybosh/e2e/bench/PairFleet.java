package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.kube.ApiRequest;
import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.BinaryBoshOperator;
import io.binarybosh.operator.OperatorSettings;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The embedded Kubernetes API holding pairs that all point at one world's Primary and Meta (each pair with its own
 * Secrets, as in a real cluster), and the operator, started and stopped as the benchmark needs. Meters go to a
 * composite registry so that a benchmark can add a registry that sees only the measured window.
 */
final class PairFleet implements AutoCloseable {

    static final String NAMESPACE = "bench";

    private final KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start();
    private final KubernetesClient client = api.client();
    private SharedIndexInformer<BinaryBoshPair> watch;
    private BinaryBoshOperator operator;

    PairFleet(Path crd) {
        try (InputStream in = Files.newInputStream(crd)) {
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions()
                    .load(in).item();
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pairName(int index) {
        return "pair-" + index;
    }

    /** Creates pairs {@code pair-0 .. pair-(count-1)}, each with a Secret per director. */
    void addPairs(World world, int count, HealthSpec health) {
        for (int i = 0; i < count; i++) {
            String name = pairName(i);
            BinaryBoshPairSpec spec = new BinaryBoshPairSpec();
            spec.setPrimary(director(world.endpoint("primary"), name + "-primary"));
            spec.setMeta(director(world.endpoint("meta"), name + "-meta"));
            spec.setHealth(health);
            BinaryBoshPair pair = new BinaryBoshPair();
            pair.getMetadata().setName(name);
            pair.getMetadata().setNamespace(NAMESPACE);
            pair.setSpec(spec);
            client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).resource(pair).create();
        }
    }

    private ManagedDirectorSpec director(DirectorEndpoint endpoint, String secret) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName(secret).withNamespace(NAMESPACE).endMetadata()
                .withStringData(Map.of("ca.crt", endpoint.caCert(), "client", endpoint.client(),
                        "clientSecret", endpoint.clientSecret()))
                .build()).create();
        ManagedDirectorSpec director = new ManagedDirectorSpec();
        director.setUrl(endpoint.url());
        director.setDeployment(endpoint.deployment());
        director.setCaSecretRef(new SecretKeyRef(secret, "ca.crt"));
        director.setCredentialsSecretRef(new SecretRef(secret));
        return director;
    }

    /** Starts the operator with its production defaults (as {@code Main} builds it) and the given meters. */
    void start(CompositeMeterRegistry meters) {
        OperatorSettings settings = OperatorSettings.from(Map.of("HEALTH_PORT", "0"), new String[0]);
        operator = new BinaryBoshOperator(client, settings, new HttpDirectorClientFactory(
                DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling())), meters, Clock.systemUTC());
        operator.start();
    }

    /** Starts the operator as deployed, in a JVM of its own ({@link OperatorProcess}), writing its log to {@code log}. */
    OperatorProcess startProcess(Path log) throws IOException {
        return OperatorProcess.start(api.kubeconfig(), log);
    }

    void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /** Every request the Kubernetes API received so far, in order. */
    List<ApiRequest> apiRequests() {
        return api.requests();
    }

    /** The Events of the pairs' namespace first recorded at or after {@code since}, counted by reason. */
    Map<String, Integer> eventReasonsSince(Instant since) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (Event event : client.v1().events().inNamespace(NAMESPACE).list().getItems()) {
            String first = event.getFirstTimestamp() != null ? event.getFirstTimestamp()
                    : event.getMetadata().getCreationTimestamp();
            if (first != null && !Instant.parse(first).isBefore(since.truncatedTo(ChronoUnit.SECONDS))) {
                reasons.merge(event.getReason(), 1, Integer::sum);
            }
        }
        return reasons;
    }

    /**
     * The pairs as a watch keeps them (a fabric8 informer: one list, then every change as it is written), for what
     * the benchmark looks at every few milliseconds while the operator starts. Listing a thousand pairs from the API
     * that often took about a core of the machine the operator runs on. The first call starts the watch and returns
     * once it holds every pair.
     */
    synchronized List<BinaryBoshPair> watched() {
        if (watch == null) {
            watch = client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).inform();
            Waiting.until("the benchmark's watch of the pairs listed them", java.time.Duration.ofMinutes(2),
                    watch::hasSynced);
        }
        return watch.getStore().list();
    }

    BinaryBoshPair pair(int index) {
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName(pairName(index)).get();
    }

    static Optional<Condition> condition(BinaryBoshPair pair, String type) {
        if (pair == null || pair.getStatus() == null || pair.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pair.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static boolean is(BinaryBoshPair pair, String type, String status) {
        return condition(pair, type).map(c -> status.equals(c.getStatus())).orElse(false);
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        stopOperator();
        client.close();
        api.close();
    }
}
