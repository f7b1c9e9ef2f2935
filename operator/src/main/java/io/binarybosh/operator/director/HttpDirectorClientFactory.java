package io.binarybosh.operator.director;

import io.binarybosh.operator.director.http.CaTrust;
import io.binarybosh.operator.director.http.DirectorUrl;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link DirectorClientFactory}: HTTPS clients that trust only the endpoint's CA.
 *
 * @throws DirectorCaCertificateException from {@link #create} when the CA is not a valid PEM certificate
 * @throws IllegalArgumentException from {@link #create} when the URL has no host
 */
public final class HttpDirectorClientFactory implements DirectorClientFactory {

    private final DirectorClientOptions options;

    public HttpDirectorClientFactory() {
        this(DirectorClientOptions.defaults());
    }

    public HttpDirectorClientFactory(DirectorClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public DirectorClient create(DirectorEndpoint endpoint) {
        HttpUrl base = DirectorUrl.base(endpoint.url());
        CaTrust trust = CaTrust.fromPem(endpoint.caCertificatePem());
        DirectorTimeouts timeouts = endpoint.timeouts();
        OkHttpClient http = new OkHttpClient.Builder()
                .sslSocketFactory(trust.socketFactory(), trust.trustManager())
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.read())
                .callTimeout(timeouts.call())
                // Task ids are read from the redirect; following it would lose them (and re-send as GET).
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries are decided per request by DirectorHttp: a POST must never be sent twice.
                .retryOnConnectionFailure(false)
                // Shorter than nginx's 75 s keep-alive so a pooled connection is not already closed by the director.
                .connectionPool(new ConnectionPool(5, 30, TimeUnit.SECONDS))
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        return new HttpDirectorClient(endpoint, base, http, options);
    }
}
