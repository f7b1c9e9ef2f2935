package io.binarybosh.e2e.sim.api;

import java.time.Instant;
import java.util.Map;

/**
 * One request a director address received and what it answered (headers lower-cased, no Authorization); the body
 * only of JSON requests (resurrection, resolutions, ssh setup: what tells one action from another), else empty.
 */
public record RecordedRequest(Instant at, String method, String path, Map<String, String> query,
                              Map<String, String> headers, String user, int status, String jsonBody) {
}
