package io.binarybosh.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

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

    private static JsonNode tree(KubernetesSerialization serialization, BinaryBoshPairStatus status) {
        return serialization.convertValue(status, JsonNode.class);
    }
}
