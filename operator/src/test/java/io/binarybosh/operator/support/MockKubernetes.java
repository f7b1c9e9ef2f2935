package io.binarybosh.operator.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** fabric8's mock API server in CRUD mode on loopback, with our CRD created first so /status is a subresource. */
public final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockKubernetes() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
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

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
