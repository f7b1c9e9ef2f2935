package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorClientOptions;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorCaCertificateException;
import io.binarybosh.operator.director.http.CaTrust;
import io.binarybosh.operator.director.http.DirectorUrl;
import io.binarybosh.operator.director.http.Json;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link DirectorClientFactory}: HTTPS clients that trust only the endpoint's CA. Every client of a
 * factory shares one JSON codec (its deserializers are built once, not per director) and one OkHttp connection pool
 * and dispatcher; each keeps its own TLS trust, so a connection is only ever reused for the endpoint it was opened to
 * with that endpoint's CA.
 *
 * @throws DirectorCaCertificateException from {@link #create} when the CA is not a valid PEM certificate
 * @throws IllegalArgumentException from {@link #create} when the URL has no host
 */
public final class HttpDirectorClientFactory implements DirectorClientFactory, AutoCloseable {

    /** Idle connections kept at most, over all directors: a pair's two, with room for thousands of pairs. */
    static final int MAX_IDLE_CONNECTIONS = 10_000;

    private final DirectorClientOptions options;
    private final Json json = new Json();
    private final OkHttpClient shared;

    public HttpDirectorClientFactory() {
        this(DirectorClientOptions.defaults());
    }

    public HttpDirectorClientFactory(DirectorClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.shared = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, options.connectionKeepAlive().toMillis(),
                        TimeUnit.MILLISECONDS))
                // Task ids are read from the redirect; following it would lose them (and re-send as GET).
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries are decided per request by DirectorHttp: a POST must never be sent twice.
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
    }

    /** The operator's {@link io.binarybosh.operator.director.DirectorClient}, with the routes it does not call. */
    @Override
    public HttpDirectorClient create(DirectorEndpoint endpoint) {
        HttpUrl base = DirectorUrl.base(endpoint.url());
        CaTrust trust = CaTrust.fromPem(endpoint.caCertificatePem());
        DirectorTimeouts timeouts = endpoint.timeouts();
        // newBuilder() keeps the shared pool and dispatcher.
        OkHttpClient http = shared.newBuilder()
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .build();
        return new HttpDirectorClient(endpoint, base, http, json, options);
    }

    /** Idle connections now in the shared pool, over all clients. */
    public int idleConnections() {
        return shared.connectionPool().idleConnectionCount();
    }

    /** Closes the idle connections; clients made before keep working and open new ones as they need. */
    @Override
    public void close() {
        shared.connectionPool().evictAll();
    }
}
