package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.sim.api.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator asked one director during a window. Each poll of a director starts with one authenticated
 * {@code GET /info}, so those count the polls; the health monitor's own requests (user {@code hm}) are left out.
 * The director keeps its last 10,000 requests only: when the window holds more, the span is what is left.
 */
record DirectorRequests(int requests, int polls, double seconds, Map<String, Integer> byRoute) {

    static DirectorRequests of(List<RecordedRequest> log, Instant from, Instant to) {
        List<RecordedRequest> operator = log.stream()
                .filter(r -> !r.at().isBefore(from) && !r.at().isAfter(to))
                .filter(r -> !"hm".equals(r.user()))
                .toList();
        Instant start = operator.isEmpty() || log.get(0).at().isBefore(from) ? from : log.get(0).at();
        int polls = (int) operator.stream()
                .filter(r -> "GET".equals(r.method()) && "/info".equals(r.path()) && r.user() != null)
                .count();
        Map<String, Integer> byRoute = new TreeMap<>();
        operator.forEach(r -> byRoute.merge(r.method() + " " + route(r.path()), 1, Integer::sum));
        return new DirectorRequests(operator.size(), polls, Duration.between(start, to).toMillis() / 1000.0, byRoute);
    }

    /** Paths with the deployment name or task id replaced, so that the same call counts as one route. */
    private static String route(String path) {
        return path.replaceAll("/deployments/[^/]+", "/deployments/:d").replaceAll("/tasks/\\d+", "/tasks/:id");
    }

    double perPoll() {
        return polls == 0 ? Double.NaN : (double) requests / polls;
    }

    double pollsPerSecond() {
        return seconds <= 0 ? Double.NaN : polls / seconds;
    }
}
