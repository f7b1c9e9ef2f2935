package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.model.DeployOptions;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotent calls are retried with backoff on transport errors (and GETs on 5xx); POSTs and task PUTs never. */
class DirectorRetryTest {

    private static final ContextId CONTEXT = ContextId.of("ctx");

    private DirectorFixture director;
    private HttpDirectorClient client;

    @BeforeEach
    void start() {
        director = new DirectorFixture();
        client = director.basicClient();
    }

    @AfterEach
    void stop() {
        director.close();
    }

    @Test
    void aGetAnswered500IsRetried() {
        director.server.enqueue(new MockResponse.Builder().code(500).build());
        director.enqueueJson(200, "[]");

        assertThat(client.locks()).isEmpty();
        assertThat(director.requestCount()).isEqualTo(4);
        assertThat(director.time.sleeps).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(125), Duration.ofMillis(250)));
    }

    @Test
    void aGetGivesUpAfterMaxAttempts() {
        for (int i = 0; i < 4; i++) {
            director.server.enqueue(new MockResponse.Builder().code(503).build());
        }

        assertThatThrownBy(() -> client.locks())
                .isInstanceOfSatisfying(DirectorApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(503));
        assertThat(director.requestCount()).isEqualTo(2 + 4);
        assertThat(director.time.sleeps).hasSize(3);
    }

    @Test
    void aPostAnswered500IsNotRetried() {
        director.server.enqueue(new MockResponse.Builder().code(500).build());
        director.enqueueTaskRedirect(302, 1);

        assertThatThrownBy(() -> client.deploy("name: d\n", DeployOptions.defaults(), CONTEXT))
                .isInstanceOfSatisfying(DirectorApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(500));
        assertThat(director.requestCount()).isEqualTo(3);
        assertThat(director.time.sleeps).isEmpty();
    }

    @Test
    void aTaskCreatingPutAnswered502IsNotRetried() {
        director.server.enqueue(new MockResponse.Builder().code(502).build());

        assertThatThrownBy(() -> client.scanAndFix("d", Map.of("bosh", List.of("0")), CONTEXT))
                .isInstanceOf(DirectorApiException.class);
        assertThat(director.requestCount()).isEqualTo(3);
    }

    @Test
    void aGetCutOffIsRetried() {
        director.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        director.enqueueJson(200, "[]");

        assertThat(client.stemcells()).isEmpty();
        assertThat(director.time.sleeps).hasSize(1);
    }

    @Test
    void aPostCutOffIsNotRetried() {
        director.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        director.enqueueTaskRedirect(302, 1);

        assertThatThrownBy(() -> client.scan("d", CONTEXT)).isInstanceOf(DirectorUnreachableException.class);
        assertThat(director.requestCount()).isEqualTo(3);
        assertThat(director.time.sleeps).isEmpty();
    }

    @Test
    void aCancelCutOffIsRetried() {
        director.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        director.server.enqueue(new MockResponse.Builder().code(204).build());

        client.cancelTask(8);

        assertThat(director.requestCount()).isEqualTo(4);
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndACap() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(2));

        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(1, 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoff(3, 1.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(9, 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(40, 0.0)).isEqualTo(Duration.ofSeconds(1));
    }
}
