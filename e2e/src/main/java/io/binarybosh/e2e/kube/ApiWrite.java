package io.binarybosh.e2e.kube;

/**
 * One write a client sent to the embedded API, as sent (before validation, whatever the answer).
 *
 * @param method POST, PUT, PATCH or DELETE
 * @param path   the path with its query
 * @param body   the body as text
 */
public record ApiWrite(String method, String path, String body) {
}
