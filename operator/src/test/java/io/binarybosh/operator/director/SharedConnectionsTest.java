package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.http.DirectorHttp;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clients of one factory share its codec and a few connection pools; each keeps its own connections, never one
 * opened with another's trust.
 */
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
        factory.close();
        assertThat(factory.idleConnections()).as("closed with the factory").isZero();
    }

    @Test
    void eachClientKeepsItsOwnConnectionsWhereverItsPoolIs() {
        director = new DirectorFixture();
        factory = new HttpDirectorClientFactory(director.options(RetryPolicy.none()));
        // One more client than pools: the first and the last share a pool.
        List<DirectorClient> clients = new ArrayList<>();
        for (int i = 0; i <= HttpDirectorClientFactory.POOLS; i++) {
            clients.add(factory.create(director.endpoint()));
        }
        for (DirectorClient client : clients) {
            director.enqueueJson(200, DirectorFixture.BASIC_INFO);
            client.info();
        }
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        clients.get(0).info();

        // Each client has its own TLS trust, hence its own connection, which it finds again among its pool's.
        assertThat(factory.idleConnections()).isEqualTo(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            assertThat(director.take().getConnectionIndex()).as("client %d's first call", i).isEqualTo(i);
        }
        assertThat(director.take().getConnectionIndex()).as("the first client's second call").isZero();
        clients.forEach(DirectorClient::close);
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
