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

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link DirectorClientFactory}: HTTPS clients that trust only the endpoint's CA. Every client of a
 * factory shares one JSON codec (its deserializers are built once, not per director) and OkHttp's dispatcher; each
 * has its own TLS trust and its own connection pool, since a connection opened with one client's trust is never
 * another's. One pool for all clients, used before, held every pair's connections, and finding a pooled connection
 * compared the request's address with each of them: at a thousand pairs half of the operator's CPU.
 *
 * @throws DirectorCaCertificateException from {@link #create} when the CA is not a valid PEM certificate
 * @throws IllegalArgumentException from {@link #create} when the URL has no host
 */
public final class HttpDirectorClientFactory implements DirectorClientFactory, AutoCloseable {

    /** Idle connections a client keeps at most: a poll's one, with room for the calls an operation makes at once. */
    static final int MAX_IDLE_CONNECTIONS = 4;

    private final DirectorClientOptions options;
    private final Json json = new Json();
    private final OkHttpClient shared;
    /** The pools of the clients made, for as long as a client holds its pool. */
    private final Set<ConnectionPool> pools = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public HttpDirectorClientFactory() {
        this(DirectorClientOptions.defaults());
    }

    public HttpDirectorClientFactory(DirectorClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.shared = new OkHttpClient.Builder()
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
        ConnectionPool pool = new ConnectionPool(MAX_IDLE_CONNECTIONS, options.connectionKeepAlive().toMillis(),
                TimeUnit.MILLISECONDS);
        pools.add(pool);
        // newBuilder() keeps the shared dispatcher.
        OkHttpClient http = shared.newBuilder()
                .connectionPool(pool)
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .build();
        return new HttpDirectorClient(endpoint, base, http, json, options);
    }

    /** Idle connections now, over all clients. */
    public int idleConnections() {
        synchronized (pools) {
            return pools.stream().mapToInt(ConnectionPool::idleConnectionCount).sum();
        }
    }

    /** Closes the idle connections; clients made before keep working and open new ones as they need. */
    @Override
    public void close() {
        synchronized (pools) {
            pools.forEach(ConnectionPool::evictAll);
        }
    }
}
