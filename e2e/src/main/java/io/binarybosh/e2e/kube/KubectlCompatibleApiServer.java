package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An in-memory Kubernetes API on loopback that real kubectl (and helm template | kubectl apply) can use: fabric8's
 * mock server in CRUD mode behind {@link KubectlCompatibleDispatcher}. Custom resources are validated as a real API
 * server validates them: their CRD's OpenAPI v3 schema and CEL rules, a 422 Status naming each field that
 * {@code kubectl apply} prints, undeclared fields pruned. Writes honour {@code metadata.resourceVersion} as the API
 * server does, the status subresource's too ({@link OptimisticConcurrency}: 409 Conflict on a stale version). Not
 * there: kubectl's client-side OpenAPI validation (use
 * {@code --validate=false}), validation of built-in kinds, server-side apply, watches except over websockets ({@code kubectl wait}, {@code get -w}),
 * OpenAPI documents, server-side Tables of built-in kinds (kubectl shows their names and ages only), and strategic merge patches with list directives (what kubectl
 * sends to re-apply a changed container or env list: 415).
 *
 * <pre>{@code
 * try (KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start()) {
 *     new Kubectl(api.kubeconfig()).run("apply", "--validate=false", "-f", "crd.yml");
 * }
 * }</pre>
 */
public final class KubectlCompatibleApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubectlCompatibleDispatcher dispatcher;
    private final IndexedCrudDispatcher store;
    private final Path directory;
    private final Path kubeconfig;

    private KubectlCompatibleApiServer(KubernetesMockServer server, KubectlCompatibleDispatcher dispatcher,
                                       IndexedCrudDispatcher store, Path directory, Path kubeconfig) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.store = store;
        this.directory = directory;
        this.kubeconfig = kubeconfig;
    }

    /** Starts on a free port of 127.0.0.1 and writes a kubeconfig for it. */
    public static KubectlCompatibleApiServer start() {
        return start(write -> { });
    }

    /** The same, telling {@code writes} of every write request it receives (tests scan them). */
    public static KubectlCompatibleApiServer start(Consumer<ApiWrite> writes) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        MockWebServer webServer = new MockWebServer();
        KubernetesSerialization serialization = new KubernetesSerialization();
        // The port is only known once started, before the first request.
        DiscoveryDocuments discovery = new DiscoveryDocuments(serialization,
                () -> loopback.getHostAddress() + ":" + webServer.getPort());
        IndexedCrudDispatcher store = new IndexedCrudDispatcher();
        KubectlCompatibleDispatcher dispatcher = new KubectlCompatibleDispatcher(store,
                discovery, new CustomResourceTypes(serialization), serialization, writes);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), webServer, new HashMap<>(), dispatcher,
                false);
        server.init(loopback, 0);
        try {
            Path directory = Files.createTempDirectory("kube-api-");
            Path kubeconfig = directory.resolve("kubeconfig");
            Files.writeString(kubeconfig, KubeconfigFile.forServer(
                    "http://" + loopback.getHostAddress() + ":" + server.getPort()));
            return new KubectlCompatibleApiServer(server, dispatcher, store, directory, kubeconfig);
        } catch (IOException e) {
            server.destroy();
            throw new UncheckedIOException(e);
        }
    }

    /** A kubeconfig whose current context points at this server, namespace {@code default}. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Whether reads of one named object still go through the store's index ({@link IndexedCrudDispatcher}). */
    boolean namedReadsIndexed() {
        return store.indexed();
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** A fabric8 client for this server; the caller closes it. */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(url()).withNamespace("default").withHttp2Disable(true).build()).build();
    }

    /** A fabric8 client whose requests carry {@code userAgent}, so that {@link #requests()} can tell them apart. */
    public KubernetesClient client(String userAgent) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(url()).withNamespace("default").withUserAgent(userAgent).withHttp2Disable(true)
                .build()).build();
    }

    /**
     * What a fabric8 client in another process (an operator JVM, the image) needs in its environment besides where
     * the server is. This server speaks cleartext HTTP: a JDK HttpClient then offers an h2c upgrade on a connection's
     * first request, and now and then waits forever for a response the server did send (seen here: a CRD create
     * hung for the test's whole two minutes). fabric8's own mock client turns HTTP/2 off for the same reason
     * ({@code KubernetesMockServer.initConfig}); a real API server is reached over TLS, where HTTP/2 is negotiated
     * by ALPN instead.
     */
    public static Map<String, String> clientEnvironment() {
        return Map.of("KUBERNETES_HTTP2_DISABLE", "true");
    }

    /** Every request received so far, in order: what a client really asked of the API. */
    public List<ApiRequest> requests() {
        return dispatcher.received();
    }

    /**
     * A fault mode: while on, another writer changes an annotation ({@code e2e.binarybosh.io/foreign-write}) of a
     * custom resource just before every other write of its status subresource arrives, so that each status write's
     * first attempt is refused with 409 Conflict, as when a person or a second replica wrote in between.
     */
    public void foreignWriterBeforeStatusWrites(boolean on) {
        dispatcher.foreignWriterBeforeStatusWrites(on);
    }

    /** How many changes the foreign writer made so far. */
    public int foreignChanges() {
        return dispatcher.foreignChanges();
    }

    @Override
    public void close() {
        server.destroy();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
