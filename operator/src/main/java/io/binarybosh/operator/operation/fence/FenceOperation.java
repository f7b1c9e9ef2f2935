package io.binarybosh.operator.operation.fence;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.ShellException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A Micro found holding a deployment of the pair (split brain) is fenced at once, whatever else is in flight: that
 * operation is set aside in status.suspendedOperation and goes on once the fence ends. An attempt that fails, or
 * whose processes do not stop within {@link #STOP_WAIT}, ends as failed ({@code MicroFenceFailed}); the decision
 * retries later with a growing delay.
 */
public final class FenceOperation {

    /** How long one fence attempt waits for monit to stop the Micro's processes. */
    public static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private FenceOperation() {
    }

    public static Machine machine() {
        return new Machine(OperationType.FENCE_MICRO,
                Map.of(OperationStep.STOPPING_PROCESSES, (context, action) -> fence(context)));
    }

    public static void start(OperationContext context) {
        BinaryBoshPair pair = context.pair();
        OperationStatus operation = Journal.newOperation(OperationType.FENCE_MICRO, DirectorRole.MICRO,
                DirectorRole.MICRO, OperationStep.STOPPING_PROCESSES, "stopping the Micro's processes", context.now());
        OperationStatus suspended = context.operation();
        BinaryBoshPair written = context.update(status -> {
            if (suspended != null) {
                status.setSuspendedOperation(suspended);
            }
            status.setOperation(operation);
        });
        context.events().warning(written, Reason.FENCING_MICRO,
                "the Micro at " + pair.getSpec().getBootstrap().getMicro()
                .getUrl() + " holds a deployment of the pair: stopping its processes and moving its store aside "
                + "(operation " + operation.getId() + ")" + (suspended == null ? "" : "; operation "
                + suspended.getId() + " waits until the Micro is fenced"));
        fence(context);
    }

    private static void fence(OperationContext context) {
        OperationStatus operation = context.operation();
        Optional<String> aside;
        try {
            aside = new MicroFence(context.shells()).attempt(context.pair(), MicroFence.asideName(operation.getId()));
        } catch (ShellException e) {
            Journal.finish(context, OperationResult.FAILED, "fencing the Micro failed: " + e.getMessage());
            return;
        }
        if (aside.isEmpty()) {
            if (Instant.parse(operation.getStartedTime()).plus(STOP_WAIT).isBefore(context.now())) {
                Journal.finish(context, OperationResult.FAILED, "fencing the Micro failed: monit still reports "
                        + "processes running " + STOP_WAIT.toMinutes() + " minutes after monit stop all");
                return;
            }
            Journal.message(context, "monit stop all sent; not every process is stopped yet");
            return;
        }
        Journal.finish(context, OperationResult.SUCCEEDED, "Micro fenced: its processes are stopped and its store's "
                + "contents were moved to " + aside.get() + " (nothing deleted); a restart finds an empty director");
    }
}
