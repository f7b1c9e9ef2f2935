package io.binarybosh.e2e.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.awaitility.Awaitility;

/**
 * Talks to a simulated director exactly as bosh-cli-protocol.md says the bosh CLI v7 does: an anonymous
 * `GET /info` first, then basic or UAA client-credentials auth, no `Accept`, `Connection: close`,
 * redirects seen (not followed) so tests can check them, and the task-wait loop with `Range`.
 */
public final class BoshHttp {
    public record Reply(int code, String body, okhttp3.Headers headers) {
        public JsonNode json() {
            return Json.read(body);
        }

        /** The `name` of each element of a JSON array body. */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            json().forEach(n -> names.add(n.path("name").asText()));
            return names;
        }
    }

    public record TaskWait(JsonNode task, String events, List<Integer> eventCodes) {
    }

    private final DirectorEndpoint endpoint;
    private final OkHttpClient client;
    private String authorization;

    public BoshHttp(DirectorEndpoint endpoint) {
        this.endpoint = endpoint;
        HandshakeCertificates trust = new HandshakeCertificates.Builder()
                .addTrustedCertificate(Certificates.decodeCertificatePem(endpoint.caCert()))
                .build();
        this.client = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .followRedirects(false)
                .callTimeout(Duration.ofSeconds(30))
                .build();
    }

    public OkHttpClient client() {
        return client;
    }

    /** The CLI's session setup: anonymous /info, then the credentials it tells us to use. */
    public JsonNode login() {
        JsonNode info = send("GET", "/info", null, null, null).json();
        if (info.path("user_authentication").path("type").asText().equals("uaa")) {
            String url = info.path("user_authentication").path("options").path("url").asText();
            Request tokenRequest = new Request.Builder().url(url + "/oauth/token")
                    .header("Authorization", Credentials.basic(endpoint.client(), endpoint.clientSecret()))
                    .header("Accept", "application/json")
                    .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
                    .build();
            JsonNode token = execute(tokenRequest).json();
            authorization = token.path("token_type").asText() + " " + token.path("access_token").asText();
        } else {
            authorization = Credentials.basic(endpoint.client(), endpoint.clientSecret());
        }
        return info;
    }

    public Reply get(String path) {
        return send("GET", path, null, null, null);
    }

    public Reply get(String path, String range) {
        return send("GET", path, null, null, range);
    }

    public Reply send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, null);
    }

    private Reply send(String method, String path, String contentType, String body, String range) {
        Request.Builder b = new Request.Builder().url(endpoint.url() + path).header("Connection", "close")
                .header("User-Agent", "Go-http-client/1.1");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (range != null) {
            b.header("Range", range);
        }
        RequestBody requestBody = null;
        if (method.equals("PUT") || method.equals("POST")) {
            requestBody = RequestBody.create(body == null ? new byte[0] : body.getBytes(),
                    contentType == null ? null : MediaType.get(contentType));
        }
        b.method(method, requestBody);
        return execute(b.build());
    }

    private Reply execute(Request request) {
        try (Response r = client.newCall(request).execute()) {
            return new Reply(r.code(), r.body().string(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long taskId(Reply redirect) {
        Matcher m = Pattern.compile("^https://[^/]+/tasks/(\\d+)$").matcher(String.valueOf(redirect.headers().get("Location")));
        if (redirect.code() != 302 || !m.matches()) {
            throw new AssertionError("expected 302 to /tasks/N, got " + redirect.code() + " " + redirect.headers() + redirect.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** The CLI's task-wait loop: poll the task, then fetch new event bytes with `Range: bytes=<offset>-`. */
    public TaskWait waitForTask(long id) {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        List<Integer> codes = new ArrayList<>();
        JsonNode[] last = new JsonNode[1];
        Awaitility.await("task " + id + " to end").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    JsonNode task = get("/tasks/" + id).json();
                    Reply chunk = get("/tasks/" + id + "/output?type=event", "bytes=" + events.size() + "-");
                    codes.add(chunk.code());
                    if (chunk.code() == 200 || chunk.code() == 206) {
                        events.writeBytes(chunk.body().getBytes());
                    } else if (chunk.code() != 416 && chunk.code() != 204) {
                        throw new AssertionError("unexpected event output status " + chunk.code());
                    }
                    last[0] = task;
                    String state = task.path("state").asText();
                    return !state.equals("queued") && !state.equals("processing") && !state.equals("cancelling");
                });
        return new TaskWait(last[0], events.toString(), codes);
    }
}
