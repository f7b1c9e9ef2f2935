package io.binarybosh.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.Objects;

/**
 * Whether the pair changed between a read and a refused status write only in what the operator observes (the
 * directors' status, conditions, phase: what a second replica or an earlier write of this one refreshes every poll),
 * not in anything a step acts on: the spec, annotations (approvals, abort, pause), deletion, or the write-ahead log
 * (the operation in flight, the migration, a suspended operation, the awaited approval, the history). Only then may a
 * change made after an action be written again on the newer version: the decision it records stands.
 */
final class ObservationsOnly {

    /** The parts of status that the operations write and decide from. */
    private static final List<String> LOG = List.of("operation", "migration", "suspendedOperation",
            "awaitedApproval", "history");

    private ObservationsOnly() {
    }

    static boolean changed(KubernetesSerialization serialization, BinaryBoshPair read, BinaryBoshPair current) {
        var before = read.getMetadata();
        var now = current.getMetadata();
        if (!Objects.equals(before.getGeneration(), now.getGeneration())
                || !Objects.equals(before.getAnnotations(), now.getAnnotations())
                || !Objects.equals(before.getDeletionTimestamp(), now.getDeletionTimestamp())) {
            return false;
        }
        JsonNode a = serialization.convertValue(read.getStatus(), JsonNode.class);
        JsonNode b = serialization.convertValue(current.getStatus(), JsonNode.class);
        for (String field : LOG) {
            if (!node(a, field).equals(node(b, field))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode node(JsonNode status, String field) {
        return status == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : status.path(field);
    }
}
