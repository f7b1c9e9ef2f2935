package io.binarybosh.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads {@link HealthMonitorSettings} out of a director's deployment manifest, with BOSH's precedence (bosh
 * {@code dir/deployment_plan/instance_group_spec_parser.rb}): a job with a {@code properties} key gets that hash and
 * nothing else; a job without one gets the manifest's global properties deep-merged with the instance group's
 * ({@code recursive_merge}: the group's value wins unless both are hashes).
 */
public final class ManifestSettingsReader {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Empty when the manifest does not parse or deploys no health monitor. */
    public Optional<HealthMonitorSettings> read(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = yaml.readTree(manifest);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        for (JsonNode group : root.path("instance_groups")) {
            JsonNode monitor = job(group, "health_monitor");
            if (monitor == null) {
                continue;
            }
            JsonNode director = job(group, "director");
            JsonNode shared = recursiveMerge(root.path("properties"), group.path("properties"));
            JsonNode hmProperties = properties(monitor, shared);
            JsonNode directorProperties = director == null ? null : properties(director, shared);
            return Optional.of(new HealthMonitorSettings(
                    bool(lookup(hmProperties, "hm", "resurrector_enabled")),
                    integer(lookup(hmProperties, "hm", "resurrector", "minimum_down_jobs")),
                    number(lookup(hmProperties, "hm", "resurrector", "percent_threshold")),
                    integer(lookup(hmProperties, "hm", "resurrector", "time_threshold")),
                    bool(lookup(directorProperties, "director", "auto_fix_stateful_nodes"))));
        }
        return Optional.empty();
    }

    private static JsonNode job(JsonNode group, String name) {
        for (JsonNode job : group.path("jobs")) {
            if (name.equals(job.path("name").asText())) {
                return job;
            }
        }
        return null;
    }

    /** The job's own properties when it has the key, else the shared ones. */
    private static JsonNode properties(JsonNode job, JsonNode shared) {
        JsonNode own = job.get("properties");
        return own == null || own.isNull() ? shared : own;
    }

    /** Ruby's {@code Hash#recursive_merge} (bosh-core): {@code over} wins, except where both values are hashes. */
    static JsonNode recursiveMerge(JsonNode base, JsonNode over) {
        if (over == null || over.isMissingNode() || over.isNull()) {
            return base;
        }
        if (base == null || !base.isObject() || !over.isObject()) {
            return over;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged =
                ((com.fasterxml.jackson.databind.node.ObjectNode) base).deepCopy();
        over.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().isObject()
                ? recursiveMerge(merged.get(e.getKey()), e.getValue()) : e.getValue()));
        return merged;
    }

    private static JsonNode lookup(JsonNode properties, String... path) {
        if (properties == null) {
            return null;
        }
        JsonNode node = properties;
        for (String key : path) {
            node = node.path(key);
        }
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private static Boolean bool(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText();
        return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
    }

    private static Integer integer(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.intValue();
        }
        try {
            return Integer.valueOf(node.asText().trim());
        } catch (NumberFormatException interpolationOrText) {
            return null;
        }
    }

    private static Double number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.valueOf(node.asText().trim());
        } catch (NumberFormatException interpolationOrText) {
            return null;
        }
    }
}
