package io.binarybosh.operator.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.Optional;

/** Deployment manifests compared as YAML documents, not as text: key order, quoting and comments do not count. */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    public static boolean parses(String yaml) {
        return tree(yaml).filter(JsonNode::isObject).isPresent();
    }

    /** True when both parse to the same document; false when they differ or one does not parse. */
    public static boolean same(String a, String b) {
        Optional<JsonNode> left = tree(a);
        Optional<JsonNode> right = tree(b);
        return left.isPresent() && left.equals(right);
    }

    static Optional<JsonNode> tree(String yaml) {
        if (yaml == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(YAML.readTree(yaml));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
