package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.TaskWaitOptions;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.binarybosh.operator.director.DirectorAuthTest.CLIENT_SECRET;
import static io.binarybosh.operator.director.DirectorAuthTest.TOKEN_1;
import static io.binarybosh.operator.director.DirectorAuthTest.TOKEN_2;
import static io.binarybosh.operator.director.DirectorAuthTest.base64;
import static io.binarybosh.operator.director.DirectorAuthTest.token;
import static io.binarybosh.operator.director.DirectorClientCallsTest.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the client's loggers at TRACE, run the flows that handle secrets (basic and UAA auth, refused
 * credentials, a manifest with a password, failures) and prove no secret reaches a log line, an exception
 * message or a toString.
 */
class SecretHygieneTest {

    private static final String MANIFEST_PASSWORD = "manifest-Pa55w0rd-never-logged";
    private static final String MANIFEST = "name: primary-bosh\nproperties:\n  director:\n    password: "
            + MANIFEST_PASSWORD + "\n";

    private final List<Throwable> thrown = new ArrayList<>();
    private final List<String> toStrings = new ArrayList<>();

    @Test
    void noSecretIsLoggedThrownOrPrinted() throws Exception {
        List<String> lines;
        try (LogCapture capture = new LogCapture("io.binarybosh.operator.director")) {
            basicFlows();
            uaaFlows();
            lines = capture.lines();
        }

        assertThat(lines).as("the client logs at DEBUG").anyMatch(l -> l.contains("GET /info"));
        assertThat(lines).anyMatch(l -> l.contains("UAA token"));
        assertThat(thrown).hasSizeGreaterThanOrEqualTo(5);
        List<String> texts = new ArrayList<>(lines);
        texts.addAll(toStrings);
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                texts.add(String.valueOf(c.getMessage()));
                texts.add(c.toString());
            }
        }
        List<String> secrets = List.of(DirectorFixture.ADMIN_PASSWORD, CLIENT_SECRET, TOKEN_1, TOKEN_2,
                MANIFEST_PASSWORD, base64("admin:" + DirectorFixture.ADMIN_PASSWORD),
                base64("operator-client:" + CLIENT_SECRET));
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    private void basicFlows() {
        try (DirectorFixture director = new DirectorFixture()) {
            HttpDirectorClient client = director.basicClient();
            toStrings.add(client.toString());
            toStrings.add(director.endpoint().toString());
            toStrings.add(director.credentials.toString());

            director.enqueueTaskRedirect(302, 5);
            long taskId = client.deploy(MANIFEST, DeployOptions.defaults(), ContextId.of("ctx"));
            director.enqueueJson(200, task(taskId, "error", "create deployment"));
            director.enqueue(new MockResponse.Builder().code(206)
                    .body("{\"time\":1,\"error\":{\"code\":100,\"message\":\"deploy failed\"}}\n").build());
            capture(() -> client.waitForTask(taskId, TaskWaitOptions.timeout(Duration.ofMinutes(1))));

            director.enqueueJson(200, "{\"manifest\":\"" + MANIFEST.replace("\n", "\\n") + "\"}");
            toStrings.add(client.manifest("primary-bosh").length() + "");

            director.enqueueText(401, "Not authorized: '/locks'");
            capture(client::locks);
            director.enqueueJson(200, "[{\"name\":\"d\",\"teams\":\"" + MANIFEST_PASSWORD + "\"}]");
            capture(() -> client.deployments(io.binarybosh.operator.director.model.DeploymentsQuery.full()));
            director.enqueueJson(400, "{\"code\":440001,\"description\":\"Manifest should be a hash\"}");
            capture(() -> client.deploy(MANIFEST, DeployOptions.defaults(), ContextId.of("ctx")));
        }
        try (DirectorFixture refused = new DirectorFixture()) {
            refused.enqueueJson(200, DirectorFixture.BASIC_INFO);
            refused.enqueueJson(200, DirectorFixture.BASIC_INFO);
            capture(refused.client()::authenticatedInfo);
        }
        try (DirectorFixture untrusted = new DirectorFixture(new DirectorCredentials("admin",
                DirectorFixture.ADMIN_PASSWORD), TestPki.INSTANCE.serverOfOtherCa, TestPki.INSTANCE.otherCa)) {
            capture(untrusted.client()::authenticatedInfo);
        }
        capture(() -> new HttpDirectorClientFactory().create(new DirectorEndpoint(URI.create("https://127.0.0.1:1"),
                "-----BEGIN CERTIFICATE-----\n" + DirectorFixture.ADMIN_PASSWORD + "\n-----END CERTIFICATE-----\n",
                new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD), DirectorFixture.FAST)));
    }

    private void uaaFlows() throws Exception {
        try (MockWebServer uaa = new MockWebServer();
             DirectorFixture director = new DirectorFixture(new DirectorCredentials("operator-client", CLIENT_SECRET))) {
            uaa.setServerSocketFactory(new NoDelayServerSockets());
            uaa.useHttps(TestPki.INSTANCE.serverHandshake(TestPki.INSTANCE.server, TestPki.INSTANCE.ca).sslSocketFactory());
            uaa.start(InetAddress.getByName("127.0.0.1"), 0);
            String uaaUrl = "https://127.0.0.1:" + uaa.getPort();
            director.enqueueJson(200, DirectorFixture.BASIC_INFO.replace("{\"type\":\"basic\",\"options\":{}}",
                    "{\"type\":\"uaa\",\"options\":{\"url\":\"" + uaaUrl + "\",\"urls\":[\"" + uaaUrl + "\"]}}"));
            uaa.enqueue(token(TOKEN_1, 3600));
            uaa.enqueue(token(TOKEN_2, 3600));
            uaa.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"unauthorized\"}").build());
            HttpDirectorClient client = director.client();
            toStrings.add(client.toString());
            director.enqueueText(401, "Not authorized: '/locks'");
            director.enqueueJson(200, "[]");
            client.locks();
            director.enqueueJson(401, "{\"code\":600000,\"description\":\"Require one of the scopes\"}");
            director.enqueueJson(401, "{\"code\":600000,\"description\":\"Require one of the scopes\"}");
            capture(client::locks);
        }
    }

    private void capture(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            thrown.add(e);
        }
    }
}
