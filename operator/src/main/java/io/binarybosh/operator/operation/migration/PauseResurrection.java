package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;

import java.util.List;

/** Resurrection paused on the three directors (idempotent), so that no health monitor acts while they stop. */
final class PauseResurrection implements StepHandler {

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        for (DirectorRole role : List.of(DirectorRole.MICRO, DirectorRole.PRIMARY, DirectorRole.META)) {
            DirectorClient client = context.client(role);
            client.setResurrectionPaused(true);
            if (client.resurrectionEnabled()) {
                throw new DirectorException(role.displayName() + " still reports resurrection on after "
                        + "PUT /resurrection");
            }
        }
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.STOPPING_DIRECTORS,
                "resurrection paused on the three directors: monit stop all on each", null);
        context.events().normal(written, Reason.RESURRECTION_PAUSED,
                "resurrection paused on the Micro, Primary and Meta, "
                + "so that no health monitor recreates a VM while the directors are stopped");
    }
}
