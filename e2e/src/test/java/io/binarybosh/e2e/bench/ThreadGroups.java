package io.binarybosh.e2e.bench;

import java.util.List;

/**
 * Whose work a thread does, by the names the simulator, the API mock, the operator and its libraries give them
 * (as seen in a run: JOSDK's reconciler pool is {@code pool-N-thread-M}, fabric8's client is the JDK's
 * {@code HttpClient}, the directors' clients are OkHttp). OkHttp's shared threads also serve the simulated health
 * monitors' calls, a small share. Anything else is {@code other}.
 */
final class ThreadGroups {

    static final String OPERATOR = "operator";
    static final String WORLD = "world";
    static final String KUBE_API = "kube-api";
    static final String OTHER = "other";

    private static final List<String> WORLD_PREFIXES = List.of("world-", "hm-", "director-api-", "director-127.",
            "director-tether", "HTTP-Dispatcher", "idle-timeout-task");
    private static final List<String> KUBE_API_PREFIXES = List.of("vert.x-", "vertx-", "MockWebServer");
    private static final List<String> OPERATOR_PREFIXES = List.of("director-poll", "director-ask", "ReconcilerExecutor",
            "pool-", "HttpClient-", "JdkHttpClientFactory-", "CachedSingleThreadScheduler-", "OkHttp", "Okio Watchdog");

    private ThreadGroups() {
    }

    static String of(String threadName) {
        if (WORLD_PREFIXES.stream().anyMatch(threadName::startsWith)) {
            return WORLD;
        }
        if (KUBE_API_PREFIXES.stream().anyMatch(threadName::startsWith)) {
            return KUBE_API;
        }
        if (OPERATOR_PREFIXES.stream().anyMatch(threadName::startsWith)) {
            return OPERATOR;
        }
        return OTHER;
    }
}
