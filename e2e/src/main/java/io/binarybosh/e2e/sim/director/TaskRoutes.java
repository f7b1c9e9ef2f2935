package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.api.ApiRequest;
import io.binarybosh.e2e.sim.api.ApiResponse;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.api.Router;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** `/tasks`, `/tasks/:id`, `/tasks/:id/output` (Range-aware) and `DELETE /task/:id`. */
final class TaskRoutes {
    /** The types `GET /tasks` shows with the default `verbose=1` (`ctl/tasks_controller.rb`). */
    static final Set<String> VERBOSE_1_TYPES = Set.of("attach_disk", "create_snapshot", "delete_deployment",
            "delete_release", "delete_snapshot", "delete_stemcell", "run_errand", "snapshot_deployment",
            "update_instance", "update_deployment", "update_release", "update_stemcell", "export_release");
    private final DirectorDb db;
    private final TaskRunner runner;

    TaskRoutes(DirectorDb db, TaskRunner runner) {
        this.db = db;
        this.runner = runner;
    }

    void register(Router router) {
        router.get("/tasks", this::list)
                .get("/tasks/(\\d+)", r -> ApiResponse.json(toJson(task(r.param(0)))))
                .get("/tasks/(\\d+)/output", this::output)
                .add("DELETE", "/task/(\\d+)", null, this::cancel)
                .add("POST", "/tasks/cancel", "application/json", this::cancelMany);
    }

    static Map<String, Object> toJson(TaskRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("state", t.state());
        m.put("description", t.description());
        m.put("timestamp", t.shownTimestamp());
        m.put("started_at", t.startedAt());
        m.put("result", t.result());
        m.put("user", t.user());
        m.put("deployment", t.deployment());
        m.put("context_id", t.contextId());
        return m;
    }

    private TaskRow task(String id) {
        runner.refreshTimeouts();
        TaskRow row = db.read(t -> t.tasks.get(Long.parseLong(id)));
        if (row == null) {
            throw DirectorError.taskNotFound(id);
        }
        return row;
    }

    private ApiResponse list(ApiRequest r) {
        runner.refreshTimeouts();
        int verbose = r.query("verbose") == null ? 1 : Integer.parseInt(r.query("verbose"));
        List<String> states = r.query("state") == null ? null : Arrays.asList(r.query("state").split(","));
        Stream<TaskRow> rows = db.read(t -> List.copyOf(t.tasks.values())).stream()
                .sorted(Comparator.comparingLong(TaskRow::sortTimestamp).reversed())
                .filter(t -> verbose >= 2 || VERBOSE_1_TYPES.contains(t.type()))
                .filter(t -> states == null || states.contains(t.state()))
                .filter(t -> r.query("deployment") == null || r.query("deployment").equals(t.deployment()))
                .filter(t -> r.query("context_id") == null || r.query("context_id").equals(t.contextId()));
        if (r.query("limit") != null) {
            rows = rows.limit(Math.max(1, Integer.parseInt(r.query("limit"))));
        }
        return ApiResponse.json(rows.map(TaskRoutes::toJson).toList());
    }

    private ApiResponse output(ApiRequest r) {
        TaskRow row = task(r.param(0));
        String type = r.query("type") == null ? "debug" : r.query("type");
        if (type.equals("none")) {
            return ApiResponse.empty(204);
        }
        if (!Set.of("event", "result", "debug", "cpi").contains(type)) {
            return ApiResponse.empty(204);
        }
        byte[] content = db.output(row.id(), type);
        String range = r.header("range");
        if (range == null) {
            return content == null ? ApiResponse.empty(204) : new ApiResponse(200, Map.of("Content-Type", "text/plain"), content);
        }
        byte[] body = content == null ? new byte[0] : content;
        long[] span = parseRange(range, body.length);
        if (span == null) {
            return new ApiResponse(416, Map.of("Content-Range", "bytes */" + body.length), new byte[0]);
        }
        byte[] slice = Arrays.copyOfRange(body, (int) span[0], (int) span[1] + 1);
        return new ApiResponse(206, Map.of("Content-Type", "text/plain",
                "Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + body.length), slice);
    }

    /** Start and end (inclusive) of a `bytes=N-` or `bytes=N-M` range, or null when not satisfiable. */
    private static long[] parseRange(String header, long length) {
        String spec = header.trim();
        if (!spec.startsWith("bytes=")) {
            return null;
        }
        String[] parts = spec.substring(6).split("-", -1);
        try {
            if (parts[0].isEmpty()) {
                long suffix = Long.parseLong(parts[1]);
                return suffix == 0 || length == 0 ? null : new long[] {Math.max(0, length - suffix), length - 1};
            }
            long start = Long.parseLong(parts[0]);
            long end = parts.length < 2 || parts[1].isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(parts[1]));
            return start >= length || end < start ? null : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ApiResponse cancel(ApiRequest r) {
        runner.cancel(Long.parseLong(r.param(0)));
        return ApiResponse.empty(204);
    }

    private ApiResponse cancelMany(ApiRequest r) {
        JsonNode body = Json.read(r.bodyText().isBlank() ? "{}" : r.bodyText());
        List<String> states = new java.util.ArrayList<>();
        body.path("states").forEach(n -> states.add(n.asText()));
        if (!body.has("states")) {
            states.add("queued");
        }
        for (String s : states) {
            if (!s.equals("queued") && !s.equals("processing")) {
                throw new DirectorError(10001, 400, "Invalid state '" + s + "' given, only 'queued' and 'processing' are allowed");
            }
        }
        List<TaskRow> matching = db.read(t -> t.tasks.values().stream()
                .filter(x -> states.contains(x.state()))
                .filter(x -> !body.has("deployment") || body.get("deployment").asText().equals(x.deployment()))
                .filter(x -> !body.has("types") || body.get("types").toString().contains("\"" + x.type() + "\""))
                .toList());
        matching.forEach(t -> runner.cancel(t.id()));
        return ApiResponse.empty(204);
    }
}
