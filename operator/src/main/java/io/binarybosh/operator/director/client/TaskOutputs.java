package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.model.TaskOutputType;
import io.binarybosh.operator.director.http.ApiRequest;
import io.binarybosh.operator.director.http.ApiResponse;
import io.binarybosh.operator.director.http.DirectorHttp;

import java.util.Arrays;
import java.util.Set;

/**
 * A task's output from a byte on, as the CLI reads it: {@code Range: bytes=N-}; a 206 is the rest, a 416 nothing
 * new, and a 200 the whole output (the director ignored the range), of which what was read already is skipped.
 */
final class TaskOutputs {

    private static final byte[] EMPTY = new byte[0];
    private static final Set<Integer> OUTPUT_STATUSES = Set.of(200, 204, 206, 416);

    private final DirectorHttp http;

    TaskOutputs(DirectorHttp http) {
        this.http = http;
    }

    byte[] from(long taskId, TaskOutputType type, long fromByte) {
        if (fromByte < 0) {
            throw new IllegalArgumentException("fromByte must not be negative");
        }
        ApiRequest request = ApiRequest.get("tasks", String.valueOf(taskId), "output").query("type", type.wire())
                .header("Range", "bytes=" + fromByte + "-").accepting(OUTPUT_STATUSES);
        ApiResponse response = http.execute(request);
        byte[] body = response.body();
        return switch (response.status()) {
            case 206 -> body;
            case 200 -> body.length > fromByte ? Arrays.copyOfRange(body, (int) fromByte, body.length) : EMPTY;
            default -> EMPTY;
        };
    }
}
