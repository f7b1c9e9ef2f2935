package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.kube.ApiRequest;
import io.binarybosh.e2e.kube.ApiWrite;
import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.BinaryBoshOperator;
import io.binarybosh.operator.OperatorSettings;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationStatus;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The real operator against the embedded Kubernetes API, pointed at a simulated world. Closing it fails the test when
 * a secret reached a log line, an event or a status written meanwhile (see {@link SecretScan}).
 */
final class OperatorUnderTest implements AutoCloseable {

    static final String NAMESPACE = "bosh-system";
    static final String PAIR = "bosh";
    /** The operator's User-Agent towards the API: its requests told apart from the test's. */
    static final String OPERATOR_USER_AGENT = "binary-bosh-operator-under-test";

    private final LogCapture logs = new LogCapture();
    private final List<ApiWrite> writes = new CopyOnWriteArrayList<>();
    private final KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start(writes::add);
    private final SecretScan secrets = new SecretScan();
    private final KubernetesClient client = api.client();
    private final KubernetesClient operatorClient = api.client(OPERATOR_USER_AGENT);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private BinaryBoshOperator operator;

    OperatorUnderTest() {
        try (InputStream crd = new FileInputStream(io.binarybosh.e2e.kube.ProjectFiles.crd().toFile())) {
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions()
                    .load(crd).item();
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KubernetesClient client() {
        return client;
    }

    /** The embedded API's URL, for an operator started outside this JVM. */
    String apiUrl() {
        return api.url();
    }

    /** A kubeconfig for the embedded API, for an operator started outside this JVM. */
    java.nio.file.Path kubeconfig() {
        return api.kubeconfig();
    }

    /** Real kubectl against the same API the operator writes to. */
    io.binarybosh.e2e.kube.Kubectl kubectl() {
        return new io.binarybosh.e2e.kube.Kubectl(api.kubeconfig());
    }

    SimpleMeterRegistry meters() {
        return meters;
    }

    void start() {
        start(realDirectors());
    }

    void start(DirectorClientFactory directors) {
        start(directors, Map.of());
    }

    /** @param settings more operator settings, as environment variables */
    void start(DirectorClientFactory directors, Map<String, String> settings) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("HEALTH_PORT", "0",
                "DIRECTOR_CONNECT_TIMEOUT_SECONDS", "2", "DIRECTOR_READ_TIMEOUT_SECONDS", "5",
                "DIRECTOR_CALL_TIMEOUT_SECONDS", "10"));
        environment.putAll(settings);
        operator = new BinaryBoshOperator(operatorClient, OperatorSettings.from(environment, new String[0]),
                directors, meters, Clock.systemUTC());
        operator.start();
    }

    /** Every request the embedded API received so far, with its answer's code. */
    List<ApiRequest> apiRequests() {
        return api.requests();
    }

    /** Another writer changes the pair before every other status write: each write's first attempt gets 409. */
    void foreignWriterBeforeStatusWrites(boolean on) {
        api.foreignWriterBeforeStatusWrites(on);
    }

    int foreignChanges() {
        return api.foreignChanges();
    }

    /** The requests the operator made to the Kubernetes API so far. */
    List<ApiRequest> operatorRequests() {
        return api.requests().stream().filter(request -> OPERATOR_USER_AGENT.equals(request.userAgent())).toList();
    }

    static DirectorClientFactory realDirectors() {
        return new HttpDirectorClientFactory(DirectorClientOptions.defaults().withRetryPolicy(RetryPolicy.polling()));
    }

    /** Stops the operator as a crash would leave things: whatever it wrote stays, nothing is cleaned up. */
    void stop() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    /** Adds a value that must appear in no log line, event or status. */
    void mustNotLeak(String secret) {
        secrets.add(secret);
    }

    /** Adds every secret of the world's directors, and of their manifests, to what must not leak. */
    void mustNotLeak(World world) {
        secrets.add(world);
    }

    void secretsFor(World world, String... keys) {
        mustNotLeak(world);
        for (String key : keys) {
            DirectorEndpoint endpoint = world.endpoint(key);
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                    .withName(key + "-director").withNamespace(NAMESPACE).endMetadata()
                    .withStringData(Map.of("ca.crt", endpoint.caCert(), "client", endpoint.client(),
                            "clientSecret", endpoint.clientSecret()))
                    .build()).create();
        }
    }

    BinaryBoshPair createPair(World world, Consumer<BinaryBoshPairSpec> customize) {
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).resource(pairOf(world, customize))
                .create();
    }

    /**
     * Declares the pair as a user does, with {@code kubectl apply -f -} of its YAML; through the client where kubectl
     * is not installed (the benchmarks need not have it).
     */
    BinaryBoshPair applyPair(World world, Consumer<BinaryBoshPairSpec> customize) {
        BinaryBoshPair pair = pairOf(world, customize);
        io.binarybosh.e2e.kube.Kubectl kubectl = kubectl();
        if (!kubectl.available()) {
            return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).resource(pair).create();
        }
        kubectl.runWithInput(client.getKubernetesSerialization().asYaml(pair), "apply", "--validate=false", "-f", "-")
                .orThrow();
        return pair();
    }

    private static BinaryBoshPair pairOf(World world, Consumer<BinaryBoshPairSpec> customize) {
        BinaryBoshPairSpec spec = new BinaryBoshPairSpec();
        spec.setPrimary(director(world, "primary"));
        spec.setMeta(director(world, "meta"));
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(1);
        health.setUnreachableAfterSeconds(1);
        health.setForceRecreateAfterSeconds(60);
        spec.setHealth(health);
        customize.accept(spec);
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.getMetadata().setName(PAIR);
        pair.getMetadata().setNamespace(NAMESPACE);
        pair.setSpec(spec);
        return pair;
    }

    private static ManagedDirectorSpec director(World world, String key) {
        DirectorEndpoint endpoint = world.endpoint(key);
        ManagedDirectorSpec director = new ManagedDirectorSpec();
        director.setUrl(endpoint.url());
        director.setDeployment(endpoint.deployment());
        director.setCaSecretRef(new SecretKeyRef(key + "-director", "ca.crt"));
        director.setCredentialsSecretRef(new SecretRef(key + "-director"));
        return director;
    }

    BinaryBoshPair pair() {
        return client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName(PAIR).get();
    }

    /** The operation in flight; null when none, or when the pair or its status is gone. */
    OperationStatus operation() {
        BinaryBoshPair pair = pair();
        return pair == null || pair.getStatus() == null ? null : pair.getStatus().getOperation();
    }

    /** The pair's annotation {@code key}; null when it has none. */
    String annotation(String key) {
        var annotations = pair().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    void annotate(String key, String value) {
        editPair(p -> {
            if (p.getMetadata().getAnnotations() == null) {
                p.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            p.getMetadata().getAnnotations().put(key, value);
            return p;
        });
    }

    /**
     * Changes the pair as a person's read-modify-write does: based on the version read, and done again from a fresh
     * read when the operator wrote its status in between (409 Conflict).
     */
    void editPair(java.util.function.UnaryOperator<BinaryBoshPair> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(BinaryBoshPair.class).inNamespace(NAMESPACE).withName(PAIR).edit(change);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    Optional<Condition> condition(String type) {
        BinaryBoshPair pair = pair();
        if (pair == null || pair.getStatus() == null) {
            return Optional.empty();
        }
        return pair.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    boolean is(String type, String status) {
        return condition(type).map(c -> status.equals(c.getStatus())).orElse(false);
    }

    boolean is(String type, String status, String reason) {
        return condition(type).map(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).orElse(false);
    }

    String phase() {
        BinaryBoshPair pair = pair();
        return pair == null || pair.getStatus() == null ? null : pair.getStatus().getPhase();
    }

    List<Event> events(String reason) {
        if (operator != null) {
            operator.flushEvents(); // the operator writes events off its reconcile threads
        }
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).toList();
    }

    /**
     * Waits until exactly {@code count} events have {@code reason}: an event follows the status write it tells of,
     * so a test that saw the status may look a moment before the event exists.
     */
    void expectEvents(String reason, int count) {
        org.awaitility.Awaitility.await("events " + reason).atMost(java.time.Duration.ofSeconds(30))
                .until(() -> events(reason).size() >= count);
        org.assertj.core.api.Assertions.assertThat(events(reason)).as("events " + reason).hasSize(count);
    }

    /** Where a secret was found: in the log lines, events and statuses so far; empty when nowhere. */
    List<String> leaks() {
        List<String> findings = new ArrayList<>();
        List<String> lines = logs.lines();
        for (int i = 0; i < lines.size(); i++) {
            findings.addAll(secrets.findings("log line " + (i + 1), lines.get(i)));
        }
        for (ApiWrite write : writes) {
            if (write.path().contains("/binaryboshpairs") || write.path().contains("/events")) {
                findings.addAll(secrets.findings(write.method() + " " + write.path(), write.body()));
            }
        }
        for (Event event : client.v1().events().inAnyNamespace().list().getItems()) {
            findings.addAll(secrets.findings("event " + event.getMetadata().getName(),
                    client.getKubernetesSerialization().asJson(event)));
        }
        return findings;
    }

    /** How much the secret scan looks at. */
    record ScanCoverage(int logLines, long statusWrites, int events) {
    }

    /** What the scan would look at now: proof that it looks at something. */
    ScanCoverage scanned() {
        long statuses = writes.stream().filter(w -> w.path().contains("/binaryboshpairs/")
                && w.path().contains("/status")).count();
        return new ScanCoverage(logs.lines().size(), statuses,
                client.v1().events().inAnyNamespace().list().getItems().size());
    }

    @Override
    public void close() {
        List<String> leaks = List.of();
        try {
            stop();
            leaks = leaks();
        } finally {
            client.close();
            operatorClient.close();
            api.close();
            logs.close();
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("secrets leaked into what the operator wrote:\n" + String.join("\n", leaks));
        }
    }
}
