package io.binarybosh.operator.operation;

/**
 * A named instant in an operation, given to a hook just before the status write that records what a step did. In
 * production the hook does nothing; the fault-matrix tests halt the operator there (the instant between an action
 * and its record) and check that the restarted operator neither repeats nor skips the action.
 */
@FunctionalInterface
public interface FaultHook {

    /** The system property that names the points at which the operator halts at once (comma-separated). */
    String HALT_PROPERTY = "binarybosh.test.haltBefore";

    FaultHook NONE = point -> {
    };

    void before(String point);

    /** The point before the record of {@code step}'s outcome: {@code record:<step>}. */
    static String record(String step) {
        return "record:" + step;
    }

    /**
     * From {@value #HALT_PROPERTY}: a process that reaches a named point halts as a SIGKILL would end it (no
     * shutdown hook, no finally block). Without the property, {@link #NONE}.
     */
    static FaultHook fromSystemProperty() {
        String points = System.getProperty(HALT_PROPERTY);
        if (points == null || points.isBlank()) {
            return NONE;
        }
        java.util.Set<String> halts = java.util.Set.of(points.split(","));
        return point -> {
            if (halts.contains(point)) {
                System.err.println("binarybosh: halting before " + point + " (" + HALT_PROPERTY + ")");
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
