package io.binarybosh.e2e.image;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of an OCI image configuration a runtime uses to start the container.
 *
 * @param user        {@code User}, as {@code uid:gid}
 * @param environment {@code Env}, in order
 * @param entrypoint  {@code Entrypoint} followed by {@code Cmd}
 * @param workingDir  {@code WorkingDir}, {@code /} when absent
 * @param labels      {@code Labels}
 */
public record ImageConfig(String user, Map<String, String> environment, List<String> entrypoint, String workingDir,
                          Map<String, String> labels) {

    static ImageConfig of(JsonNode config) {
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("Env").forEach(line -> {
            String text = line.asText();
            environment.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
        });
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(word -> entrypoint.add(word.asText()));
        config.path("Cmd").forEach(word -> entrypoint.add(word.asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return new ImageConfig(config.path("User").asText(""), Map.copyOf(environment), List.copyOf(entrypoint),
                config.path("WorkingDir").asText("/"), Map.copyOf(labels));
    }

    public String uid() {
        return user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    }

    public String gid() {
        return user.contains(":") ? user.substring(user.indexOf(':') + 1) : user;
    }
}
