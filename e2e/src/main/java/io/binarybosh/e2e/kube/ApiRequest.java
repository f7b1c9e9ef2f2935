package io.binarybosh.e2e.kube;

/**
 * One request the embedded API received, as sent (before any rewriting for the CRUD mock), with the code it was
 * answered.
 *
 * @param method    HTTP method
 * @param path      path and query
 * @param userAgent the client's {@code User-Agent}, to tell the operator's requests from a test's
 * @param code      the answer's HTTP status code (0 when none was given)
 */
public record ApiRequest(String method, String path, String userAgent, int code) {
}
