package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** JSON merge patch (RFC 7386): the CRUD mock keeps a {@code null} as a value instead of removing the field. */
final class MergePatch {

    private MergePatch() {
    }

    /**
     * Whether a strategic merge patch means the same as a JSON merge patch: it does when it has no directive
     * ({@code $setElementOrder/...}, {@code $patch}, {@code $retainKeys}...), which kubectl adds whenever it
     * changes a list merged by key (containers, env, ports).
     */
    static boolean isPlainMerge(JsonNode patch) {
        if (patch.isArray()) {
            for (JsonNode element : patch) {
                if (!isPlainMerge(element)) {
                    return false;
                }
            }
            return true;
        }
        if (!patch.isObject()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getKey().startsWith("$") || !isPlainMerge(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    static boolean removesSomething(JsonNode patch) {
        if (patch.isNull()) {
            return true;
        }
        if (!patch.isObject()) {
            return false;
        }
        for (JsonNode value : patch) {
            if (removesSomething(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code target} with {@code patch} applied; neither is changed. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
