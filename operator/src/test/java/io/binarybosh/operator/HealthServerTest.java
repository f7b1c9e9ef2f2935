package io.binarybosh.operator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void probesFollowTheOperatorsState() throws Exception {
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer(0, live::get, ready::get, () -> "binarybosh_up 1\n")) {
            assertThat(status(server.port(), "/metrics")).isEqualTo(200);
            assertThat(status(server.port(), "/healthz")).isEqualTo(200);
            assertThat(status(server.port(), "/readyz")).isEqualTo(503);
            ready.set(true);
            live.set(false);
            assertThat(status(server.port(), "/readyz")).isEqualTo(200);
            assertThat(status(server.port(), "/healthz")).isEqualTo(503);
        }
    }
}
