package io.binarybosh.e2e.bench;

import java.util.List;

/** Whose work a thread does, by the names the simulator, the API mock, the operator and its libraries give them. */
final class ThreadGroups {

    static final String OPERATOR = "operator";
    static final String WORLD = "world";
    static final String KUBE_API = "kube-api";
    static final String OTHER = "other";

    private static final List<String> WORLD_PREFIXES = List.of("world-", "hm-", "director-api-", "director-127.",
            "director-tether", "nats", "agent");
    private static final List<String> KUBE_API_PREFIXES = List.of("vert.x-", "MockWebServer", "mockwebserver");
    private static final List<String> OPERATOR_PREFIXES = List.of("director-poll", "ReconcilerExecutor",
            "HttpClient-", "OkHttp", "Informer", "informer", "pool-", "ForkJoinPool", "Executor");

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
