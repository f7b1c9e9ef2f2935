package io.binarybosh.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two statuses would be written alike: compared as the JSON trees the API server would store (as the
 * Flink operator's status recorder does), so that no hand-written equals can miss a field that a later change
 * adds.
 */
public final class SerializedStatus {

    private SerializedStatus() {
    }

    /** No status at all differs from any status, even an empty one: writing it is news. */
    public static boolean same(KubernetesSerialization serialization, BinaryBoshPairStatus a, BinaryBoshPairStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return tree(serialization, a).equals(tree(serialization, b));
    }

    /**
     * The paths where {@code b} differs from {@code a} ({@code conditions[2].message}, {@code primary}), names only:
     * for a debug line that says why a status is written without saying what it holds.
     */
    public static List<String> differences(KubernetesSerialization serialization, BinaryBoshPairStatus a,
                                           BinaryBoshPairStatus b) {
        List<String> paths = new ArrayList<>();
        differences(a == null ? null : tree(serialization, a), b == null ? null : tree(serialization, b), "", paths);
        return paths;
    }

    private static void differences(JsonNode a, JsonNode b, String path, List<String> paths) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(a.get(name), b.get(name), path.isEmpty() ? name : path + "." + name, paths);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(a.get(i), b.get(i), path + "[" + i + "]", paths);
            }
        } else if (!Objects.equals(a, b)) {
            paths.add(path.isEmpty() ? "status" : path);
        }
    }

    private static JsonNode tree(KubernetesSerialization serialization, BinaryBoshPairStatus status) {
        return serialization.convertValue(status, JsonNode.class);
    }
}
