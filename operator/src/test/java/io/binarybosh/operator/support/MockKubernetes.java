package io.binarybosh.operator.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode on loopback, with our CRD created first so /status is a subresource, and
 * status updates refused on a stale resource version as the real API server does.
 */
public final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockKubernetes() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new StatusVersionCheckingDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        try (InputStream crd = new FileInputStream(Path.of(System.getProperty("committedCrdDir", "../crds"))
                .resolve("binaryboshpairs.binarybosh.io-v1.yml").toFile())) {
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions()
                    .load(crd).item();
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        }
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * The requests received since the last call, as {@code METHOD path?query}; the server keeps each request with its
     * body until it is taken.
     */
    public List<String> takeRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    /**
     * A second client of the same server whose requests pass {@code interceptor} first: a test makes another
     * writer act at the exact moment one of this client's requests leaves.
     */
    public KubernetesClient clientWith(Interceptor interceptor) {
        return server.createClient(builder -> builder.withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("test", interceptor)));
    }

    /** How many requests the server has received so far. */
    public int requestCount() {
        return server.getRequestCount();
    }

    /**
     * Refuses a status update based on an older resource version with 409, as the real API server does; fabric8's
     * CRUD mock checks the version only on updates of the whole resource.
     */
    private static final class StatusVersionCheckingDispatcher extends KubernetesCrudDispatcher {

        @Override
        public synchronized MockResponse handleUpdate(RecordedRequest request) {
            String path = request.getPath().split("\\?")[0];
            if (path.endsWith("/status")) {
                // getBytes, not getUtf8Body: reading the body empties it.
                String sent = resourceVersion(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
                Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
                if (stored != null && !sent.isEmpty() && !sent.equals(resourceVersion(stored.getValue()))) {
                    return new MockResponse().setResponseCode(409).setBody(Serialization.asJson(new StatusBuilder()
                            .withStatus("Failure").withReason("Conflict").withCode(409)
                            .withMessage("Operation cannot be fulfilled: the object has been modified; please apply "
                                    + "your changes to the latest version and try again").build()));
                }
            }
            return super.handleUpdate(request);
        }

        private static String resourceVersion(String json) {
            String version = Serialization.unmarshal(json, GenericKubernetesResource.class).getMetadata()
                    .getResourceVersion();
            return version == null ? "" : version;
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
