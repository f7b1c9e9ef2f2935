package io.binarybosh.e2e.kube;

/**
 * One request the embedded API received, as sent (before any rewriting for the CRUD mock).
 *
 * @param method    HTTP method
 * @param path      path and query
 * @param userAgent the client's {@code User-Agent}, to tell the operator's requests from a test's
 */
public record ApiRequest(String method, String path, String userAgent) {
}
