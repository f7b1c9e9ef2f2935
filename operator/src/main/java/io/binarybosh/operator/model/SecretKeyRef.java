package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One key of a Secret in the pair's namespace. */
public class SecretKeyRef {

    public static final String KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

    @Required
    @Size(min = 1, max = 253)
    @Pattern(SecretRef.NAME_PATTERN)
    @JsonPropertyDescription("Name of a Secret in the pair's namespace.")
    private String name;

    @Size(min = 1, max = 253)
    @Pattern(KEY_PATTERN)
    @JsonPropertyDescription("Key within the Secret; the field that holds this reference says its default.")
    private String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

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
