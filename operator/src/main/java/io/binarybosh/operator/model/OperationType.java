package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Optional;

import static io.binarybosh.operator.model.OperationStep.*;

/** The kinds of operation the operator runs, as written in status.operation.type, with their steps in order. */
public enum OperationType implements WireName {
    REPAIR("Repair", List.of(AWAITING_APPROVAL, SCANNING, RESOLVING, VERIFYING)),
    DEPLOY("Deploy", List.of(AWAITING_APPROVAL, DEPLOYING, VERIFYING)),
    UNPAUSE_RESURRECTION("UnpauseResurrection", List.of(UNPAUSING)),
    CANCEL_STUCK_TASK("CancelStuckTask", List.of(CANCELLING)),
    FENCE_MICRO("FenceMicro", List.of(STOPPING_PROCESSES)),
    MIGRATION("Migration", List.of(PREFLIGHT, AWAITING_APPROVAL, PAUSING_RESURRECTION, STOPPING_DIRECTORS,
            MOVING_META_STORE_ASIDE, COPYING_STORE, VERIFYING_COPY, STARTING_META, AWAITING_FENCE_APPROVAL,
            FENCING_MICRO, SCANNING, RESOLVING, VERIFYING_PRIMARY, UNPAUSING_RESURRECTION,
            ABORT_STOPPING_META, ABORT_RESTORING_META_STORE, ABORT_STARTING_DIRECTORS));

    private final String wire;
    private final List<OperationStep> steps;

    OperationType(String wire, List<OperationStep> steps) {
        this.wire = wire;
        this.steps = steps;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The steps this operation can be at, in the order it goes through them. */
    public List<OperationStep> steps() {
        return steps;
    }

    /** The first step of an operation that needs no approval. */
    public OperationStep firstStep() {
        return steps.get(0) == AWAITING_APPROVAL ? steps.get(1) : steps.get(0);
    }

    public static Optional<OperationType> fromWire(String wire) {
        return WireName.lookup(OperationType.class, wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
