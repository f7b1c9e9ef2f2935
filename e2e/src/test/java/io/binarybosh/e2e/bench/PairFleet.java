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
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Tally tally = new Tally();
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
            watch = client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).inform(tally);
            Waiting.until("the benchmark's watch of the pairs listed them", java.time.Duration.ofMinutes(2),
                    watch::hasSynced);
        }
        return watch.getStore().list();
    }

    /**
     * How many pairs have a status written by the operator and are {@code Ready} now, as the watch saw them change:
     * no look at every pair.
     */
    Tally tally() {
        watched();
        return tally;
    }

    /**
     * Counts, on the watch's own thread, the pairs with a status and the {@code Ready} ones, and when each count last
     * grew: a wait for every pair then reads two numbers instead of going through a thousand pairs every few
     * milliseconds on the machine the operator is measured on, and the moment is the change's, not the next look's.
     */
    static final class Tally implements ResourceEventHandler<BinaryBoshPair> {
        private final Set<String> withStatus = ConcurrentHashMap.newKeySet();
        private final Set<String> ready = ConcurrentHashMap.newKeySet();
        private volatile long statusGrewAt;
        private volatile long readyGrewAt;

        @Override
        public void onAdd(BinaryBoshPair pair) {
            count(pair);
        }

        @Override
        public void onUpdate(BinaryBoshPair before, BinaryBoshPair pair) {
            count(pair);
        }

        @Override
        public void onDelete(BinaryBoshPair pair, boolean finalStateUnknown) {
            withStatus.remove(pair.getMetadata().getName());
            ready.remove(pair.getMetadata().getName());
        }

        private void count(BinaryBoshPair pair) {
            String name = pair.getMetadata().getName();
            // A status with conditions is the operator's: a created pair may carry an empty one.
            boolean hasStatus = pair.getStatus() != null && pair.getStatus().getConditions() != null
                    && !pair.getStatus().getConditions().isEmpty();
            statusGrewAt = tallied(withStatus, name, hasStatus, statusGrewAt);
            readyGrewAt = tallied(ready, name, is(pair, "Ready", "True"), readyGrewAt);
        }

        /** Adds or removes the pair; returns now if it was added, else {@code grewAt} unchanged. */
        private static long tallied(Set<String> names, String name, boolean in, long grewAt) {
            if (in) {
                return names.add(name) ? System.nanoTime() : grewAt;
            }
            names.remove(name);
            return grewAt;
        }

        int withStatus() {
            return withStatus.size();
        }

        int ready() {
            return ready.size();
        }

        /** {@link System#nanoTime()} when the last pair got its status. */
        long statusGrewAt() {
            return statusGrewAt;
        }

        /** {@link System#nanoTime()} when the last pair became Ready. */
        long readyGrewAt() {
            return readyGrewAt;
        }
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
