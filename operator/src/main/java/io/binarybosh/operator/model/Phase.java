package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** status.phase: one word for `kubectl get`, computed from the conditions and the operation in flight. */
public enum Phase implements WireName {
    /** Not observed yet. */
    PENDING("Pending"),
    /** The spec or a Secret it references is invalid. */
    INVALID("Invalid"),
    /** The binarybosh.io/paused annotation stops every action. */
    PAUSED("Paused"),
    /** Neither Primary nor Meta answers. */
    LOST("Lost"),
    MIGRATING("Migrating"),
    REPAIRING("Repairing"),
    /** A director's manifest is being deployed. */
    UPDATING("Updating"),
    MUTUALLY_MANAGED("MutuallyManaged"),
    /** Anything else that is not Ready. */
    DEGRADED("Degraded");

    private final String wire;

    Phase(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    public static Optional<Phase> fromWire(String wire) {
        return WireName.lookup(Phase.class, wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
