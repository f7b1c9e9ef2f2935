package io.binarybosh.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads {@link HealthMonitorSettings} out of a director's deployment manifest, with BOSH's precedence: job-level
 * properties, then instance-group properties, then the manifest's global properties.
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
            JsonNode[] hmScopes = {monitor.path("properties"), group.path("properties"), root.path("properties")};
            JsonNode[] directorScopes = {director == null ? null : director.path("properties"),
                    group.path("properties"), root.path("properties")};
            return Optional.of(new HealthMonitorSettings(
                    bool(lookup(hmScopes, "hm", "resurrector_enabled")),
                    integer(lookup(hmScopes, "hm", "resurrector", "minimum_down_jobs")),
                    number(lookup(hmScopes, "hm", "resurrector", "percent_threshold")),
                    integer(lookup(hmScopes, "hm", "resurrector", "time_threshold")),
                    bool(lookup(directorScopes, "director", "auto_fix_stateful_nodes"))));
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

    private static JsonNode lookup(JsonNode[] scopes, String... path) {
        for (JsonNode scope : scopes) {
            if (scope == null) {
                continue;
            }
            JsonNode node = scope;
            for (String key : path) {
                node = node.path(key);
            }
            if (!node.isMissingNode() && !node.isNull()) {
                return node;
            }
        }
        return null;
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
