package io.binarybosh.operator.director.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One director call as the client means it: method, path segments (encoded when sent), query, extra headers,
 * body with its exact media type, whether it carries credentials, whether it may be retried, and which
 * statuses are an answer rather than an error.
 */
public record ApiRequest(String method, List<String> path, List<Map.Entry<String, String>> query,
                         Map<String, String> headers, byte[] body, String contentType, boolean authenticated,
                         boolean retryable, Set<Integer> okStatuses) {

    public static final Set<Integer> TASK_REDIRECT = Set.of(302, 303);

    public ApiRequest {
        path = List.copyOf(path);
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
        okStatuses = Set.copyOf(okStatuses);
    }

    /** An authenticated, retryable GET answered by a 200. */
    public static ApiRequest get(String... path) {
        return new ApiRequest("GET", List.of(path), List.of(), Map.of(), null, null, true, true, Set.of(200));
    }

    /** A body-carrying call; never retried unless {@link #idempotent()} says so. */
    public static ApiRequest send(String method, String contentType, byte[] body, String... path) {
        return new ApiRequest(method, List.of(path), List.of(), Map.of(), body, contentType, true, false, Set.of(200));
    }

    public static ApiRequest delete(String... path) {
        return new ApiRequest("DELETE", List.of(path), List.of(), Map.of(), null, null, true, true, Set.of(200, 204));
    }

    public ApiRequest query(String name, String value) {
        List<Map.Entry<String, String>> newQuery = new ArrayList<>(query);
        newQuery.add(Map.entry(name, value));
        return new ApiRequest(method, path, newQuery, headers, body, contentType, authenticated, retryable, okStatuses);
    }

    /** Adds {@code name=true} only when {@code flag} is set, as the CLI does. */
    public ApiRequest flag(String name, boolean flag) {
        return flag ? query(name, "true") : this;
    }

    public ApiRequest header(String name, String value) {
        Map<String, String> newHeaders = new LinkedHashMap<>(headers);
        newHeaders.put(name, value);
        return new ApiRequest(method, path, query, newHeaders, body, contentType, authenticated, retryable, okStatuses);
    }

    public ApiRequest anonymous() {
        return new ApiRequest(method, path, query, headers, body, contentType, false, retryable, okStatuses);
    }

    public ApiRequest idempotent() {
        return new ApiRequest(method, path, query, headers, body, contentType, authenticated, true, okStatuses);
    }

    public ApiRequest accepting(Set<Integer> statuses) {
        return new ApiRequest(method, path, query, headers, body, contentType, authenticated, retryable, statuses);
    }

    /** The call answers with a redirect to the task it created. */
    public ApiRequest createsTask() {
        return accepting(TASK_REDIRECT);
    }
}
