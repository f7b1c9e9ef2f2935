package io.binarybosh.operator.director.http;

import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorResponseException;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.director.RetryPolicy;
import io.binarybosh.operator.director.Sleeper;
import io.binarybosh.operator.director.http.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends {@link ApiRequest}s to one director: adds the credentials, sends a rejected call once more with a
 * fresh token, retries what is safe to retry, and turns every failure into a typed
 * {@link DirectorException}. Logs method, path and status only: never headers or bodies.
 */
public final class DirectorHttp {

    private static final Logger LOG = LoggerFactory.getLogger(DirectorHttp.class);
    private static final byte[] EMPTY = new byte[0];
    /**
     * The most a response body may hold. A director's largest answers (a manifest, a task's result or a chunk of
     * its event log) are a few MiB; a body past this is not a director's, and is not read into memory.
     */
    public static final long MAX_BODY_BYTES = 64L << 20;

    private final OkHttpClient http;
    private final HttpUrl base;
    private final Authenticator authenticator;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final ErrorMapper errors;
    private final String client;
    private volatile boolean closed;

    public DirectorHttp(OkHttpClient http, HttpUrl base, Authenticator authenticator, RetryPolicy retryPolicy,
                        Sleeper sleeper, ErrorMapper errors, String client) {
        this.http = http;
        this.base = base;
        this.authenticator = authenticator;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.errors = errors;
        this.client = client;
    }

    /** The director as it is named in messages: scheme, host and port. */
    public String peer() {
        return "director " + base.scheme() + "://" + base.host() + ":" + base.port();
    }

    /** The call as it appears in logs and messages: method and path with query. */
    public String describe(ApiRequest request) {
        HttpUrl url = url(request);
        return request.method() + " " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    }

    /**
     * @return the response when its status is one of {@link ApiRequest#okStatuses()}
     * @throws DirectorException for transport failures and every other status
     */
    public ApiResponse execute(ApiRequest request) {
        if (closed) {
            throw new IllegalStateException("this director client is closed");
        }
        Request prepared = prepare(request);
        String call = describe(request);
        int attempt = 1;
        boolean reauthenticated = false;
        while (true) {
            String authorization = request.authenticated() ? authenticator.authorization() : null;
            Request toSend = authorization == null ? prepared
                    : prepared.newBuilder().header("Authorization", authorization).build();
            ApiResponse response;
            long started = System.nanoTime();
            try {
                response = send(toSend, call);
            } catch (IOException e) {
                DirectorException mapped = TransportErrors.map(e, peer(), call);
                if (mapped instanceof DirectorUnreachableException && request.retryable()
                        && attempt < retryPolicy.maxAttempts()) {
                    pause(call, attempt++, e.getClass().getSimpleName());
                    continue;
                }
                LOG.debug("{} {} failed: {}", peer(), call, mapped.getMessage());
                throw mapped;
            }
            LOG.debug("{} {} -> {} in {} ms", peer(), call, response.status(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            if (response.status() == 401 && request.authenticated() && !reauthenticated
                    && authenticator.refreshAfterRejection(authorization)) {
                reauthenticated = true;
                LOG.debug("{} rejected the credentials for {}; sending it once more with fresh ones", peer(), call);
                continue;
            }
            if (response.status() >= 500 && "GET".equals(request.method()) && attempt < retryPolicy.maxAttempts()) {
                pause(call, attempt++, "HTTP " + response.status());
                continue;
            }
            if (request.okStatuses().contains(response.status())) {
                return response;
            }
            throw errors.map(peer(), call, response, client);
        }
    }

    /**
     * Drops the credentials in use after the director answered as if they were not there ({@code /info} with
     * {@code user: null}: a token that expired or was revoked): true when fresh ones will be used.
     */
    public boolean dropCredentials() {
        return authenticator.refreshAfterRejection(authenticator.authorization());
    }

    /**
     * Later calls throw {@link IllegalStateException}. Its idle connections stay in the pool it shares with other
     * clients until the keep-alive closes them: no other client can use them, and evicting the pool would close
     * theirs too.
     */
    public void close() {
        closed = true;
    }

    private void pause(String call, int attempt, String reason) {
        Duration backoff = retryPolicy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        LOG.debug("{} {} failed ({}); attempt {} of {} in {} ms", peer(), call, reason, attempt + 1,
                retryPolicy.maxAttempts(), backoff.toMillis());
        try {
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectorException("Interrupted while retrying " + call + " on " + peer());
        }
    }

    private ApiResponse send(Request request, String call) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new ApiResponse(response.code(), response.header("Location"), response.header("Content-Type"),
                    bounded(response.body(), "The " + peer() + " answered " + call));
        }
    }

    /**
     * The body, read only while it stays within {@link #MAX_BODY_BYTES}; closing the response drops the rest.
     * {@code answered} names who answered what, for the error.
     */
    public static byte[] bounded(ResponseBody body, String answered) throws IOException {
        BufferedSource source = body.source();
        if (body.contentLength() > MAX_BODY_BYTES || source.request(MAX_BODY_BYTES + 1)) {
            throw new DirectorResponseException(answered + " with a body larger than " + (MAX_BODY_BYTES >> 20)
                    + " MiB, which no director or UAA sends");
        }
        return source.readByteArray();
    }

    private Request prepare(ApiRequest request) {
        Request.Builder builder = new Request.Builder().url(url(request));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        RequestBody body = null;
        if (request.contentType() != null) {
            // Bytes, not a String: OkHttp would append "; charset=utf-8" to a String body's media type.
            body = RequestBody.create(request.body() == null ? EMPTY : request.body(),
                    MediaType.get(request.contentType()));
        }
        return builder.method(request.method(), body).build();
    }

    private HttpUrl url(ApiRequest request) {
        HttpUrl.Builder url = base.newBuilder();
        request.path().forEach(url::addPathSegment);
        request.query().forEach(q -> url.addQueryParameter(q.getKey(), q.getValue()));
        return url.build();
    }
}
