package io.binarybosh.operator.director.auth;

import io.binarybosh.operator.director.http.Authenticator;
import io.binarybosh.operator.director.http.DirectorHttp;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.binarybosh.operator.director.DirectorCredentials;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.director.UaaUnavailableException;
import io.binarybosh.operator.director.DirectorResponseException;
import io.binarybosh.operator.director.DirectorUnauthorizedException;
import io.binarybosh.operator.director.http.Json;
import io.binarybosh.operator.director.http.TransportErrors;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * UAA client-credentials grant, as the CLI and the health monitor do it: {@code POST <uaa>/oauth/token} with
 * {@code grant_type=client_credentials} and basic auth client:secret. The token is reused until
 * {@code refreshMargin} before it expires, and dropped when the director rejects it.
 */
public final class UaaTokenAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(UaaTokenAuthenticator.class);

    private final OkHttpClient http;
    private final HttpUrl tokenUrl;
    private final DirectorCredentials credentials;
    private final Clock clock;
    private final Duration refreshMargin;
    private final Json json;

    private String header;
    private Instant refreshAt = Instant.MIN;

    public UaaTokenAuthenticator(OkHttpClient http, HttpUrl uaaUrl, DirectorCredentials credentials, Clock clock,
                                 Duration refreshMargin, Json json) {
        this.http = http;
        this.tokenUrl = uaaUrl.newBuilder().addPathSegments("oauth/token").build();
        this.credentials = credentials;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.json = json;
    }

    @Override
    public synchronized String authorization() {
        if (header == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return header;
    }

    @Override
    public synchronized boolean refreshAfterRejection(String rejected) {
        if (rejected != null && rejected.equals(header)) {
            header = null;
        }
        return true;
    }

    private void fetch() {
        Request request = new Request.Builder().url(tokenUrl)
                .header("Authorization", Credentials.basic(credentials.client(), credentials.secret(),
                        StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                // A token lasts minutes and a pooled connection is closed after a minute idle: kept, it would only
                // lengthen the pool that every request to a director searches (a third of the connections at start).
                .header("Connection", "close")
                .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
                .build();
        String call = "POST " + tokenUrl.encodedPath();
        String peer = "UAA " + tokenUrl.scheme() + "://" + tokenUrl.host() + ":" + tokenUrl.port();
        Instant requestedAt = clock.instant();
        try (Response response = http.newCall(request).execute()) {
            byte[] bytes = DirectorHttp.bounded(response.body(), "The " + peer + " answered " + call);
            if (response.code() == 400 || response.code() == 401 || response.code() == 403) {
                throw new DirectorUnauthorizedException(peer + " refused the client credentials of client '"
                        + credentials.client() + "' (HTTP " + response.code() + ")");
            }
            if (response.code() >= 500) {
                throw new UaaUnavailableException(peer + " answered " + call + " with HTTP " + response.code(), null);
            }
            if (response.code() != 200) {
                throw new DirectorResponseException(peer + " answered " + call + " with HTTP " + response.code());
            }
            TokenResponse token = json.read(bytes, TokenResponse.class, peer + " " + call);
            if (token.accessToken() == null || token.accessToken().isBlank()) {
                throw new DirectorResponseException(peer + " answered " + call + " without an access_token");
            }
            String type = token.tokenType() == null || token.tokenType().isBlank() ? "bearer" : token.tokenType();
            header = type + " " + token.accessToken();
            long lifetime = token.expiresIn() == null ? 0 : token.expiresIn();
            refreshAt = requestedAt.plusSeconds(lifetime).minus(refreshMargin);
            LOG.debug("Fetched a UAA token for client '{}' from {}, valid {} s", credentials.client(), peer, lifetime);
        } catch (IOException e) {
            DirectorException mapped = TransportErrors.map(e, peer, call);
            // The UAA has its own port (8443) and process: its outage says nothing about the director's API.
            throw mapped instanceof DirectorUnreachableException
                    ? new UaaUnavailableException(mapped.getMessage(), e) : mapped;
        }
    }

    @Override
    public String toString() {
        return "UaaTokenAuthenticator[" + tokenUrl + ", client=" + credentials.client() + "]";
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") Long expiresIn) {

        @Override
        public String toString() {
            return "TokenResponse[<redacted>]";
        }
    }
}
