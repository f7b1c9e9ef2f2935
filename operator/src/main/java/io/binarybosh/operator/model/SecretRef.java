package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the pair's namespace. */
public class SecretRef {

    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(NAME_PATTERN)
    @JsonPropertyDescription("Name of a Secret in the pair's namespace.")
    private String name;

    public SecretRef() {
    }

    public SecretRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
