package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a ConfigMap in the pair's namespace. */
public class ConfigMapKeyRef {

    @Required
    @Size(min = 1, max = 253)
    @Pattern(SecretRef.NAME_PATTERN)
    @JsonPropertyDescription("Name of a ConfigMap in the pair's namespace.")
    private String name;

    @Required
    @Size(min = 1, max = 253)
    @Pattern(SecretKeyRef.KEY_PATTERN)
    @JsonPropertyDescription("Key within the ConfigMap, e.g. manifest.yml.")
    private String key;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
