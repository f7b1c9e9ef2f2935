package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** A step of an operation, as written in status.operation.step; {@link OperationType#steps()} says which belong to which. */
public enum OperationStep implements WireName {
    AWAITING_APPROVAL("AwaitingApproval"),
    SCANNING("Scanning"),
    RESOLVING("Resolving"),
    VERIFYING("Verifying"),
    DEPLOYING("Deploying"),
    UNPAUSING("Unpausing"),
    CANCELLING("Cancelling"),
    STOPPING_PROCESSES("StoppingProcesses"),
    PREFLIGHT("Preflight"),
    PAUSING_RESURRECTION("PausingResurrection"),
    STOPPING_DIRECTORS("StoppingDirectors"),
    MOVING_META_STORE_ASIDE("MovingMetaStoreAside"),
    COPYING_STORE("CopyingStore"),
    VERIFYING_COPY("VerifyingCopy"),
    STARTING_META("StartingMeta"),
    AWAITING_FENCE_APPROVAL("AwaitingFenceApproval"),
    FENCING_MICRO("FencingMicro"),
    VERIFYING_PRIMARY("VerifyingPrimary"),
    UNPAUSING_RESURRECTION("UnpausingResurrection"),
    /** An aborted migration: Meta's processes stopped again, before its own store goes back. */
    ABORT_STOPPING_META("AbortStoppingMeta"),
    /** An aborted migration: the copy moved aside on Meta, Meta's own store moved back in place. */
    ABORT_RESTORING_META_STORE("AbortRestoringMetaStore"),
    /** An aborted migration: Meta and the Micro (unless fenced) started, resurrection unpaused. */
    ABORT_STARTING_DIRECTORS("AbortStartingDirectors");

    private final String wire;

    OperationStep(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    public static Optional<OperationStep> fromWire(String wire) {
        return WireName.lookup(OperationStep.class, wire);
    }

    /** A step that waits for a person's approval annotation. */
    public boolean awaitsApproval() {
        return this == AWAITING_APPROVAL || this == AWAITING_FENCE_APPROVAL;
    }

    /** A step of an aborted migration, which brings the directors back to the state before it. */
    public boolean aborting() {
        return name().startsWith("ABORT_");
    }

    @Override
    public String toString() {
        return wire;
    }
}
