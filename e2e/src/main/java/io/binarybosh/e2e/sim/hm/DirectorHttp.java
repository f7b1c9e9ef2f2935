package io.binarybosh.e2e.sim.hm;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.director.DirectorConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/** The health monitor's HTTPS client to its director: TLS against the director CA, basic or UAA auth. */
public final class DirectorHttp {
    public record Result(int status, String body) {
    }

    private final OkHttpClient client;
    private final DirectorConfig config;
    private final String user;
    private final String password;
    private volatile String token;

    public DirectorHttp(DirectorConfig config, String user, String password, Duration timeout) {
        this.config = config;
        this.user = user;
        this.password = password;
        HandshakeCertificates trust = new HandshakeCertificates.Builder()
                .addTrustedCertificate(Certificates.decodeCertificatePem(config.caPem()))
                .build();
        this.client = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .followRedirects(false)
                .callTimeout(timeout)
                .build();
    }

    public Optional<Result> get(String path) {
        return call(new Request.Builder().url(config.url() + path).get(), true);
    }

    public Optional<Result> putJson(String path, String json) {
        return call(new Request.Builder().url(config.url() + path)
                .put(RequestBody.create(json, MediaType.get("application/json"))), true);
    }

    private Optional<Result> call(Request.Builder builder, boolean retryOn401) {
        try {
            String auth = authorization();
            if (auth != null) {
                builder.header("Authorization", auth);
            }
            try (Response response = client.newCall(builder.build()).execute()) {
                if (response.code() == 401 && retryOn401 && config.uaa()) {
                    token = null;
                    return call(builder, false);
                }
                return Optional.of(new Result(response.code(), response.body().string()));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private String authorization() throws IOException {
        if (!config.uaa()) {
            return Credentials.basic(user, password);
        }
        if (token == null) {
            // hm director_account: the token comes from the UAA the director names (its own port)
            Request request = new Request.Builder().url(config.uaaServer().url() + "/oauth/token")
                    .header("Authorization", Credentials.basic(user, password))
                    .header("Accept", "application/json")
                    .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
                    .build();
            try (Response response = client.newCall(request).execute()) {
                if (response.code() != 200) {
                    return null;
                }
                var body = Json.read(response.body().string());
                token = body.path("token_type").asText("bearer") + " " + body.path("access_token").asText();
            }
        }
        return token;
    }

    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
