package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.binarybosh.operator.director.DirectorAuthTest.CLIENT_SECRET;
import static io.binarybosh.operator.director.DirectorAuthTest.TOKEN_1;
import static io.binarybosh.operator.director.DirectorAuthTest.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One client shared by concurrent reconciles: one discovery, one token, every call answered; closed means closed. */
class DirectorConcurrencyTest {

    @Test
    void concurrentCallsShareOneDiscoveryAndOneToken() throws Exception {
        AtomicInteger tokenRequests = new AtomicInteger();
        AtomicInteger anonymousInfos = new AtomicInteger();
        try (MockWebServer uaa = new MockWebServer();
             DirectorFixture director = new DirectorFixture(new DirectorCredentials("operator-client", CLIENT_SECRET))) {
            uaa.setServerSocketFactory(new NoDelayServerSockets());
            uaa.useHttps(TestPki.INSTANCE.serverHandshake(TestPki.INSTANCE.server, TestPki.INSTANCE.ca).sslSocketFactory());
            uaa.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    tokenRequests.incrementAndGet();
                    return token(TOKEN_1, 3600);
                }
            });
            uaa.start(InetAddress.getByName("127.0.0.1"), 0);
            String uaaInfo = DirectorFixture.BASIC_INFO.replace("{\"type\":\"basic\",\"options\":{}}",
                    "{\"type\":\"uaa\",\"options\":{\"url\":\"https://127.0.0.1:" + uaa.getPort() + "\"}}");
            director.server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().equals("/info")) {
                        anonymousInfos.incrementAndGet();
                        return new MockResponse.Builder().code(200).body(uaaInfo).build();
                    }
                    boolean authorized = ("bearer " + TOKEN_1).equals(request.getHeaders().get("Authorization"));
                    return new MockResponse.Builder().code(authorized ? 200 : 401).body("[]").build();
                }
            });
            HttpDirectorClient client = director.client();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    results.add(pool.submit(() -> client.locks().size()));
                }
                for (Future<Integer> result : results) {
                    assertThat(result.get(10, TimeUnit.SECONDS)).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(tokenRequests).hasValue(1);
            assertThat(anonymousInfos).hasValue(1);
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        try (DirectorFixture director = new DirectorFixture()) {
            HttpDirectorClient client = director.basicClient();
            client.close();

            assertThatThrownBy(client::locks).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
