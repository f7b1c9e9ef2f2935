package io.binarybosh.operator.operation.health;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;

import java.util.Map;

/** {@code PUT /resurrection {"resurrection_paused": false}} on a director: idempotent, so redone after a crash. */
public final class UnpauseOperation {

    private UnpauseOperation() {
    }

    public static Machine machine() {
        return new Machine(OperationType.UNPAUSE_RESURRECTION,
                Map.of(OperationStep.UNPAUSING, (context, action) -> unpause(context)));
    }

    public static void start(OperationContext context, Step.UnpauseResurrection step) {
        context.update(status -> status.setOperation(Journal.newOperation(OperationType.UNPAUSE_RESURRECTION,
                step.on(), step.on(), OperationStep.UNPAUSING, "unpausing resurrection on "
                        + step.on().displayName(), context.now())));
        unpause(context);
    }

    private static void unpause(OperationContext context) {
        DirectorRole on = DirectorRole.fromField(context.operation().getTarget());
        DirectorClient client = context.client(on);
        client.setResurrectionPaused(false);
        boolean enabled = client.resurrectionEnabled();
        context.metrics().unpaused(on);
        Journal.finish(context, enabled ? OperationResult.SUCCEEDED : OperationResult.FAILED,
                enabled ? "resurrection unpaused on " + on.displayName()
                        : on.displayName() + " still reports resurrection paused after PUT /resurrection");
    }
}
