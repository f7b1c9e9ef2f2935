package io.binarybosh.operator.director.model;

/** The {@code type} of {@code GET /tasks/:id/output}. */
public enum TaskOutputType {
    EVENT("event"),
    RESULT("result"),
    DEBUG("debug"),
    CPI("cpi"),
    NONE("none");

    private final String wire;

    TaskOutputType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
