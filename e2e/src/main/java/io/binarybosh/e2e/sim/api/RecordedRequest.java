package io.binarybosh.e2e.sim.api;

import java.time.Instant;
import java.util.Map;

/** One request a director address received and what it answered (headers lower-cased, no Authorization). */
public record RecordedRequest(Instant at, String method, String path, Map<String, String> query,
                              Map<String, String> headers, String user, int status) {
}
