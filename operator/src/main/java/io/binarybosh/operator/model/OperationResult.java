package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** How an operation ended, as written in status.history[].result. */
public enum OperationResult implements WireName {
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    /** No longer needed (the director came back, the manifest matches again) or left by another version. */
    ABANDONED("Abandoned"),
    /** A migration's preflight found a reason not to start; nothing was changed. */
    REFUSED("Refused"),
    /** Stopped by a person (binarybosh.io/abort) or by the pair's deletion, the directors brought back. */
    ABORTED("Aborted");

    private final String wire;

    OperationResult(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    public static Optional<OperationResult> fromWire(String wire) {
        return WireName.lookup(OperationResult.class, wire);
    }

    @Override
    public String toString() {
        return wire;
    }
}
