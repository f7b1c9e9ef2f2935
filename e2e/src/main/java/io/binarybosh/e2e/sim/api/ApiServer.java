package io.binarybosh.e2e.sim.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The director's HTTPS endpoint (nginx + Puma on a real director). Authentication runs before routing,
 * as the Sinatra before-filter does; only `GET /info` and the token endpoint are anonymous.
 */
public final class ApiServer {
    private final String address;
    private final int port;
    private final SSLContext ssl;
    private final Authenticator auth;
    private final Router router;
    private final Router anonymous;
    private final ApiFaults faults;
    private final Runnable reachabilityListener = this::applyReachability;
    private ExecutorService executor;
    private HttpsServer server;
    private volatile boolean active;

    public ApiServer(String address, int port, SSLContext ssl, Authenticator auth, Router anonymous, Router router,
                     ApiFaults faults) {
        this.address = address;
        this.port = port;
        this.ssl = ssl;
        this.auth = auth;
        this.anonymous = anonymous;
        this.router = router;
        this.faults = faults;
    }

    public synchronized void start() {
        active = true;
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "director-api-" + address + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        faults.onReachabilityChange(reachabilityListener);
        applyReachability();
    }

    public synchronized void stop() {
        active = false;
        faults.removeListener(reachabilityListener);
        unbind();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isListening() {
        return server != null;
    }

    private synchronized void applyReachability() {
        if (active && !faults.cutOff()) {
            bind();
        } else {
            unbind();
        }
    }

    private void bind() {
        if (server != null) {
            return;
        }
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(ssl));
            s.createContext("/", this::handle);
            s.setExecutor(executor);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ":" + port, e);
        }
    }

    private void unbind() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ApiResponse response = respond(exchange, body);
            if (response == null) {
                return;
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            int length = response.body().length;
            boolean noBody = length == 0 || response.status() == 204 || response.status() == 304;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private ApiResponse respond(HttpExchange exchange, byte[] body) {
        if (!awaitFaults()) {
            return null;
        }
        if (faults.mode() == ApiFaults.Mode.FAILING) {
            return ApiResponse.empty(500);
        }
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        ApiRequest request = new ApiRequest(exchange.getRequestMethod(), path, parseQuery(exchange.getRequestURI().getRawQuery()),
                headers, body, null, List.of());
        String user = auth.authenticate(request.header("authorization")).orElse(null);
        request = request.with(user, List.of());
        ApiResponse response = absoluteLocation(route(request, path, user), headers.get("host"));
        Map<String, String> logged = new LinkedHashMap<>(headers);
        logged.remove("authorization");
        faults.requests().add(new RecordedRequest(java.time.Instant.now(), request.method(), path, request.query(),
                logged, user, response.status(), String.valueOf(headers.get("content-type")).startsWith("application/json")
                        ? request.bodyText() : ""));
        return response;
    }

    private ApiResponse route(ApiRequest request, String path, String user) {
        try {
            var open = anonymous.dispatch(request);
            if (open.isPresent()) {
                return open.get();
            }
            if (user == null) {
                return new ApiResponse(401, Map.of("WWW-Authenticate", "Basic realm=\"BOSH Director\"",
                        "Content-Type", "text/plain"), ("Not authorized: '" + path + "'\n").getBytes(StandardCharsets.UTF_8));
            }
            return router.dispatch(request).orElseGet(() -> ApiResponse.notFound(path));
        } catch (DirectorError e) {
            return ApiResponse.error(e.httpStatus(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return ApiResponse.empty(500);
        }
    }

    /**
     * Sinatra's {@code redirect} makes the Location absolute ({@code absolute_redirects} is on by default) from the
     * request's scheme and Host; the director's nginx passes {@code Host $http_host} and {@code X-Forwarded-Proto
     * $scheme} (bosh {@code jobs/director/templates/nginx.conf.erb}), so a client sees {@code https://<its Host>/tasks/N}.
     */
    private ApiResponse absoluteLocation(ApiResponse response, String host) {
        String location = response.headers().get("Location");
        if (location == null || !location.startsWith("/")) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Location", "https://" + (host == null || host.isBlank() ? address + ":" + port : host) + location);
        return new ApiResponse(response.status(), Map.copyOf(headers), response.body());
    }

    /** Applies freeze and slowness; false when the request must never be answered. */
    private boolean awaitFaults() {
        try {
            while (active && faults.mode() == ApiFaults.Mode.FROZEN) {
                faults.thawLatch().await(50, TimeUnit.MILLISECONDS);
            }
            if (faults.mode() == ApiFaults.Mode.SLOW) {
                // The slow-answer fault: the delay is the fault.
                Thread.sleep(faults.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return active;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }
}
