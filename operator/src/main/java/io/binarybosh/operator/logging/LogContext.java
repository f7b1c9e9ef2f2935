package io.binarybosh.operator.logging;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationStatus;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pair, step and operation a thread works on, in the logging context ({@code pair}, {@code step},
 * {@code operation}), so that every line logged meanwhile, the director client's included, says which pair and
 * which step it belongs to. Closing it restores what the thread had before.
 *
 * <pre>{@code
 * try (LogContext log = LogContext.of(pair, "observe")) { ... LogContext.step("StartRepair"); ... }
 * }</pre>
 */
public final class LogContext implements AutoCloseable {

    public static final String PAIR = "pair";
    public static final String STEP = "step";
    public static final String OPERATION = "operation";

    private final Map<String, String> previous = new HashMap<>();

    private LogContext() {
        for (String key : List.of(PAIR, STEP, OPERATION)) {
            previous.put(key, MDC.get(key));
        }
    }

    public static LogContext of(BinaryBoshPair pair, String step) {
        LogContext context = new LogContext();
        put(PAIR, pair.getMetadata().getNamespace() + "/" + pair.getMetadata().getName());
        step(step);
        operation(pair.getStatus() == null ? null : pair.getStatus().getOperation());
        return context;
    }

    /** The step this thread is at now, within an open context. */
    public static void step(String step) {
        put(STEP, step);
    }

    /** The operation in flight as {@code <type>/<step> <id>}; null clears it. */
    public static void operation(OperationStatus operation) {
        put(OPERATION, operation == null ? null
                : operation.getType() + "/" + operation.getStep() + " " + operation.getId());
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        previous.forEach(LogContext::put);
    }
}
