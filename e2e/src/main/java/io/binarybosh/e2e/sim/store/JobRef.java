package io.binarybosh.e2e.sim.store;

import java.util.Map;

/** One job of an instance group, with the properties it was rendered with. */
public record JobRef(String name, String release, Map<String, Object> properties) {
    public JobRef {
        properties = properties == null ? Map.of() : properties;
    }
}
