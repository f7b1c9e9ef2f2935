package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** status.phase: one word for `kubectl get`, computed from the conditions and the operation in flight. */
public enum Phase {
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
    public String wire() {
        return wire;
    }

    public static Optional<Phase> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
