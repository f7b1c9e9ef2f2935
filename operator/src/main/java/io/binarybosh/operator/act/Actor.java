package io.binarybosh.operator.act;

import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.operation.DirectorAccess;
import io.binarybosh.operator.operation.EventSink;
import io.binarybosh.operator.operation.FaultHook;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.OperationDeps;
import io.binarybosh.operator.operation.ShellAccess;
import io.binarybosh.operator.operation.StatusWriter;
import io.binarybosh.operator.operation.fence.FenceOperation;
import io.binarybosh.operator.operation.health.CancelStuckTaskOperation;
import io.binarybosh.operator.operation.health.DeployOperation;
import io.binarybosh.operator.operation.health.RepairOperation;
import io.binarybosh.operator.operation.health.UnpauseOperation;
import io.binarybosh.operator.operation.migration.MigrationOperation;
import io.binarybosh.operator.shell.ShellException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out the step the decision chose: a new operation's start, or the operation in flight's current step
 * through its state machine's handler. A director or shell error ends the attempt: it is counted in
 * status.operation (failures, retryTime) and the step is tried again after a growing delay.
 */
public final class Actor {

    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);

    private final OperationDeps deps;
    private final Map<OperationType, Machine> machines = new EnumMap<>(OperationType.class);

    public Actor(DirectorAccess directors, PairMetrics metrics, Clock clock) {
        this(directors, pair -> {
            throw new ShellException("no shell access is configured");
        }, metrics, clock);
    }

    public Actor(DirectorAccess directors, ShellAccess shells, PairMetrics metrics, Clock clock) {
        this(new OperationDeps(directors, shells, metrics, clock, FaultHook.fromSystemProperty()));
    }

    public Actor(OperationDeps deps) {
        this.deps = deps;
        for (Machine machine : List.of(RepairOperation.machine(), DeployOperation.machine(),
                UnpauseOperation.machine(), CancelStuckTaskOperation.machine(), FenceOperation.machine(),
                MigrationOperation.machine())) {
            machines.put(machine.type(), machine);
        }
    }

    /** The state machine of each operation type: every type has one. */
    public Map<OperationType, Machine> machines() {
        return Map.copyOf(machines);
    }

    public void act(Step step, BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationContext context = new OperationContext(pair, facts, writer, events, deps);
        try {
            if (step instanceof Step.StartRepair start) {
                RepairOperation.start(context, start);
            } else if (step instanceof Step.StartDeploy start) {
                DeployOperation.start(context, start);
            } else if (step instanceof Step.UnpauseResurrection unpause) {
                UnpauseOperation.start(context, unpause);
            } else if (step instanceof Step.CancelStuckTask cancel) {
                CancelStuckTaskOperation.start(context, cancel);
            } else if (step instanceof Step.StartFence) {
                FenceOperation.start(context);
            } else if (step instanceof Step.StartMigration) {
                MigrationOperation.start(context);
            } else if (step instanceof Step.ContinueOperation next) {
                proceed(context, next.action());
            } else if (step instanceof Step.FinishOperation finish) {
                Journal.finish(context, finish.result(), finish.message());
            }
        } catch (DirectorException | ShellException e) {
            // The operation stays in status; the next attempt waits (exponential backoff).
            LOG.warn("pair={}/{} step {} failed: {}", pair.getMetadata().getNamespace(), pair.getMetadata().getName(),
                    step.getClass().getSimpleName(), e.getMessage());
            if (context.operation() != null) {
                Journal.failed(context, e.getMessage());
            }
        }
    }

    private void proceed(OperationContext context, Step.OperationAction action) {
        OperationStatus operation = context.operation();
        OperationType type = operation.operationType();
        Machine machine = type == null ? null : machines.get(type);
        var step = operation.operationStep();
        if (machine == null || step == null || machine.handler(step).isEmpty()) {
            throw new IllegalStateException("no handler for step '" + operation.getStep() + "' of operation type '"
                    + operation.getType() + "'");
        }
        machine.handler(step).get().handle(context, action);
    }
}
