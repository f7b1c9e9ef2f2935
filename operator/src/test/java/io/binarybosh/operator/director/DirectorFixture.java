package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A mock director on 127.0.0.1 over HTTPS with the test CA, and a client pointed at it. */
final class DirectorFixture implements AutoCloseable {

    static final String ADMIN_PASSWORD = "adm1n-Pa55w0rd-never-logged";
    static final DirectorTimeouts FAST = new DirectorTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(5));

    static final String BASIC_INFO = """
            {"name":"meta-bosh","uuid":"2daf673a-9755-4b4f-aa6d-3632fbed8012","version":"283.1.6 (00000000)",
             "user":null,"cpi":"aws_cpi","stemcell_os":"ubuntu-noble","stemcell_version":"1.484",
             "user_authentication":{"type":"basic","options":{}},
             "features":{"local_dns":{"status":true,"extras":{"domain_name":"bosh"}},"snapshots":{"status":false}}}""";

    final MockWebServer server = new MockWebServer();
    final FakeTime time = new FakeTime();
    final DirectorCredentials credentials;
    private HttpDirectorClient client;

    DirectorFixture() {
        this(new DirectorCredentials("admin", ADMIN_PASSWORD));
    }

    DirectorFixture(DirectorCredentials credentials) {
        this(credentials, TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
    }

    DirectorFixture(DirectorCredentials credentials, HeldCertificate certificate, HeldCertificate signer) {
        this.credentials = credentials;
        QueueDispatcher dispatcher = new QueueDispatcher();
        dispatcher.setFailFast(new MockResponse.Builder().code(599).body("no response enqueued").build());
        server.setDispatcher(dispatcher);
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.useHttps(TestPki.INSTANCE.serverHandshake(certificate, signer).sslSocketFactory());
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getPort());
    }

    DirectorEndpoint endpoint() {
        return new DirectorEndpoint(url(), TestPki.INSTANCE.caPem(), credentials, FAST);
    }

    DirectorClientOptions options(RetryPolicy retryPolicy) {
        return DirectorClientOptions.defaults().withClock(time, time).withRetryPolicy(retryPolicy);
    }

    HttpDirectorClient client() {
        if (client == null) {
            client = new HttpDirectorClientFactory(options(RetryPolicy.defaults())).create(endpoint());
        }
        return client;
    }

    /** Lets the client discover basic auth and prove its credentials, then forgets those two requests. */
    HttpDirectorClient basicClient() {
        enqueueJson(200, BASIC_INFO);
        enqueueJson(200, BASIC_INFO.replace("\"user\":null", "\"user\":\"admin\""));
        client().authenticatedInfo();
        take();
        take();
        return client;
    }

    void enqueueJson(int code, String json) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(json).build());
    }

    void enqueueText(int code, String text) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(text).build());
    }

    void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    /** How a director answers a task-creating call: a redirect to the task, with an absolute Location as nginx does. */
    void enqueueTaskRedirect(int code, long taskId) {
        server.enqueue(new MockResponse(code, Headers.of("Location", "https://127.0.0.1:" + server.getPort()
                + "/tasks/" + taskId), ""));
    }

    RecordedRequest take() {
        try {
            RecordedRequest request = server.takeRequest(3, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the mock director").isNotNull();
            return request;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.close();
    }
}
