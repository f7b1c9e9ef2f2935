package io.binarybosh.operator.director.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The states of a director task; {@code timeout} is computed by the director after 180 s without a checkpoint. */
public enum TaskState {
    QUEUED("queued"),
    PROCESSING("processing"),
    CANCELLING("cancelling"),
    CANCELLED("cancelled"),
    DONE("done"),
    ERROR("error"),
    TIMEOUT("timeout");

    private final String wire;

    TaskState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static TaskState fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task state"));
    }

    /** A task is finished once it is no longer queued, processing or cancelling (as the CLI decides). */
    public boolean isFinished() {
        return this != QUEUED && this != PROCESSING && this != CANCELLING;
    }

    /** Only {@code done} is success. */
    public boolean isSuccess() {
        return this == DONE;
    }
}
