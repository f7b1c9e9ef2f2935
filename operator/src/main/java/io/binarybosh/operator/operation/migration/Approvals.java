package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.MigrationPreflight;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.StepHandler;

import java.util.Optional;

/** The migration's two approval gates, passed by a person's annotation, or the fence's by the Micro itself. */
final class Approvals {

    private Approvals() {
    }

    /**
     * The approval to stop the directors may come days after preflight: the checks made at the start (locks, tasks,
     * Meta's deployments, version skew) are made again on what is observed now before anything is stopped.
     */
    static StepHandler start() {
        return (context, action) -> {
            OperationStatus operation = context.operation();
            Optional<MigrationPreflight.Refusal> refusal = MigrationPreflight.check(context.facts());
            if (refusal.isPresent()) {
                MigrationRefusal.refuse(context, refusal.get().reason(), "after the approval: "
                        + refusal.get().message());
                return;
            }
            BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.PAUSING_RESURRECTION,
                    "approved: pausing resurrection on the three directors", null);
            context.events().normal(written, Reason.MIGRATION_APPROVED, "migration " + operation.getId() + " approved: "
                    + "the start-time checks still pass; stopping the directors and copying");
        };
    }

    /**
     * The fence gate. A Micro that answers again while it waits (its VM rebooted and monit started its jobs) runs
     * on the data Meta now runs on: it is retired by definition, without waiting for the approval.
     */
    static StepHandler fence() {
        return (context, action) -> {
            OperationStatus operation = context.operation();
            boolean retire = action == Step.OperationAction.RETIRE_MICRO;
            BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.FENCING_MICRO, retire
                    ? "the Micro answers again while Meta runs on its data: fencing it at once" : "approved: "
                    + "fencing the Micro", null);
            if (retire) {
                context.events().warning(written, Reason.MICRO_RETIRED, "the Micro answers again (its VM restarted?) "
                        + "while Meta runs on the data copied from it: two directors on one deployment. A Micro "
                        + "whose data Meta took over is retired by definition, so migration " + operation.getId()
                        + " fences it now, without waiting for binarybosh.io/approve=" + operation.getId() + "-fence");
            } else {
                context.events().normal(written, Reason.MIGRATION_APPROVED, "migration " + operation.getId()
                        + " approved: fencing the Micro and adopting Primary");
            }
        };
    }
}
