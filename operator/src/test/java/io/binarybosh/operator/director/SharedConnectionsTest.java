package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.http.DirectorHttp;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clients of one factory share its codec; each keeps its own connections, never one opened with another's trust. */
class SharedConnectionsTest {

    private DirectorFixture director;
    private HttpDirectorClientFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
        if (director != null) {
            director.close();
        }
    }

    @Test
    void aClientReusesItsConnectionAcrossCalls() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        try (DirectorClient client = factory.create(director.endpoint())) {
            director.enqueueJson(200, DirectorFixture.BASIC_INFO);
            director.enqueueJson(200, DirectorFixture.BASIC_INFO);
            client.info();
            client.info();
            assertThat(factory.idleConnections()).isEqualTo(1);
        }
        assertThat(director.take().getConnectionIndex()).isZero();
        var second = director.take();
        assertThat(second.getConnectionIndex()).as("the second call's connection").isZero();
        assertThat(second.getExchangeIndex()).as("the second call's index on its connection").isEqualTo(1);
        assertThat(factory.idleConnections()).as("closed with its client").isZero();
    }

    @Test
    void eachClientKeepsItsOwnConnectionsAndClosesThemWhenClosed() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        DirectorClient first = factory.create(director.endpoint());
        DirectorClient second = factory.create(director.endpoint());
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        first.info();
        second.info();

        // Each client has its own TLS trust, hence its own connection, idle in its own pool.
        assertThat(factory.idleConnections()).isEqualTo(2);
        first.close();
        assertThat(factory.idleConnections()).as("the closed client's connection is closed").isEqualTo(1);
        second.close();
        assertThat(factory.idleConnections()).isZero();
    }

    @Test
    void aPooledConnectionIsNotReusedByAClientThatDoesNotTrustTheDirector() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        try (DirectorClient trusting = factory.create(director.endpoint())) {
            trusting.info();
        }
        DirectorEndpoint otherCa = new DirectorEndpoint(director.url(), TestPki.INSTANCE.otherCa.certificatePem(),
                director.credentials, DirectorFixture.FAST);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        try (DirectorClient distrusting = factory.create(otherCa)) {
            assertThatThrownBy(distrusting::info).isInstanceOf(DirectorTlsException.class);
        }
    }

    @Test
    void closingOneClientLeavesTheOthersWorking() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        DirectorClient closed = factory.create(director.endpoint());
        closed.close();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        try (DirectorClient open = factory.create(director.endpoint())) {
            assertThat(open.info().uuid()).isEqualTo("2daf673a-9755-4b4f-aa6d-3632fbed8012");
        }
        assertThatThrownBy(closed::info).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyLargerThanAnyDirectorsIsRefusedUnread() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        Buffer huge = new Buffer();
        byte[] mib = new byte[1 << 20];
        for (long i = 0; i <= DirectorHttp.MAX_BODY_BYTES >> 20; i++) {
            huge.write(mib);
        }
        director.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(huge).build());

        try (DirectorClient client = factory.create(director.endpoint())) {
            assertThatThrownBy(client::info)
                    .isInstanceOf(DirectorResponseException.class)
                    .hasMessageContaining("larger than 64 MiB");
        }
    }

    @Test
    void theKeepAliveMustBePositive() {
        assertThatThrownBy(() -> DirectorClientOptions.defaults().withConnectionKeepAlive(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DirectorClientOptions.defaults().connectionKeepAlive()).isEqualTo(Duration.ofSeconds(60));
    }
}
