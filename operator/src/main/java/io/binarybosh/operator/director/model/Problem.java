package io.binarybosh.operator.director.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * An open problem from {@code GET /deployments/:d/problems}, e.g. type {@code unresponsive_agent} or
 * {@code missing_vm}, with the resolutions the director offers for it.
 */
public record Problem(@JsonProperty(required = true) long id, String type, String description,
                      Map<String, Object> data, List<Resolution> resolutions, String instanceGroup) {

    public Problem {
        data = data == null ? Map.of() : data;
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
    }

    public boolean offers(String resolutionName) {
        return resolutions.stream().anyMatch(r -> r.name().equals(resolutionName));
    }

    public record Resolution(String name, String plan) {
    }
}
