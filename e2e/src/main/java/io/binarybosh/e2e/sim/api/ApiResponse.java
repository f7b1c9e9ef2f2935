package io.binarybosh.e2e.sim.api;

import io.binarybosh.e2e.sim.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"),
                Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), EMPTY);
    }

    /** What nginx in front of a real director turns every task redirect into. */
    public static ApiResponse redirectToTask(long taskId) {
        return new ApiResponse(302, Map.of("Location", "/tasks/" + taskId, "Content-Type", "text/html;charset=utf-8"), EMPTY);
    }

    public static ApiResponse error(int status, int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("description", description);
        return json(status, body);
    }

    public static ApiResponse notFound(String path) {
        return text(404, "Endpoint '" + path + "' not found.");
    }
}
