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
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The production {@link DirectorClientFactory}: HTTPS clients that trust only the endpoint's CA. Every client of a
 * factory shares one JSON codec (its deserializers are built once, not per director) and OkHttp's dispatcher. Each
 * has its own TLS trust, so a connection opened with one client's trust is never another's (OkHttp compares the
 * trust as part of a connection's address).
 * <p>
 * Connections are pooled in {@link #POOLS} pools, each client in one of them in turn. One pool for all clients, used
 * first, held every pair's connections, and finding a pooled connection compared the request's address with each:
 * at a thousand pairs half of the operator's CPU. A pool per client, used next, gave OkHttp's one task runner a
 * cleanup queue per client, and each connection released made it search all of them (a third of the CPU). A few
 * pools keep both searches short.
 *
 * @throws DirectorCaCertificateException from {@link #create} when the CA is not a valid PEM certificate
 * @throws IllegalArgumentException from {@link #create} when the URL has no host
 */
public final class HttpDirectorClientFactory implements DirectorClientFactory, AutoCloseable {

    /** How many connection pools the clients are spread over. */
    public static final int POOLS = 32;
    /**
     * Idle connections one pool keeps at most: a poll's one per client, for the clients of a pool at 16,000 pairs,
     * with room for the calls an operation makes at once. An idle connection also goes after the keep-alive.
     */
    static final int MAX_IDLE_CONNECTIONS_PER_POOL = 1024;

    private final DirectorClientOptions options;
    private final Json json = new Json();
    private final OkHttpClient shared;
    private final List<ConnectionPool> pools;
    private final AtomicInteger clientsMade = new AtomicInteger();

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
        this.pools = IntStream.range(0, POOLS).mapToObj(i -> new ConnectionPool(MAX_IDLE_CONNECTIONS_PER_POOL,
                options.connectionKeepAlive().toMillis(), TimeUnit.MILLISECONDS)).toList();
    }

    /** The operator's {@link io.binarybosh.operator.director.DirectorClient}, with the routes it does not call. */
    @Override
    public HttpDirectorClient create(DirectorEndpoint endpoint) {
        HttpUrl base = DirectorUrl.base(endpoint.url());
        CaTrust trust = CaTrust.fromPem(endpoint.caCertificatePem());
        DirectorTimeouts timeouts = endpoint.timeouts();
        ConnectionPool pool = pools.get(Math.floorMod(clientsMade.getAndIncrement(), POOLS));
        // newBuilder() keeps the shared dispatcher.
        OkHttpClient http = shared.newBuilder()
                .connectionPool(pool)
                .dns(new OwnDns())
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                .build();
        return new HttpDirectorClient(endpoint, base, http, json, options);
    }

    /**
     * The system resolver, as a client's own object. Looking for a pooled connection, OkHttp compares the call's
     * address with each connection's in the pool, the resolver first and the TLS trust seventh, after the protocol
     * and connection-spec lists (element by element: each call's address copies them). With a resolver of its own,
     * another client's connection is told apart by the first comparison instead of the seventh; it could never be
     * reused anyway, its trust being another's. At a thousand pairs that search was an eighth of the start-up's CPU.
     */
    private static final class OwnDns implements Dns {
        @Override
        public List<InetAddress> lookup(String hostname) throws UnknownHostException {
            return Dns.SYSTEM.lookup(hostname);
        }
    }

    /** Idle connections now, over all clients. */
    public int idleConnections() {
        return pools.stream().mapToInt(ConnectionPool::idleConnectionCount).sum();
    }

    /** Closes the idle connections; clients made before keep working and open new ones as they need. */
    @Override
    public void close() {
        pools.forEach(ConnectionPool::evictAll);
    }
}
