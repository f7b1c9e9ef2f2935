package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.ShellException;

import java.util.EnumMap;
import java.util.Map;

/**
 * The bootstrap migration from the Micro to Meta as a state machine, one handler per step (see
 * docs/architecture.md for the table of steps and what a restarted operator does at each). A person's retry of a
 * stopped step and an abort reach any step's handler as actions.
 */
public final class MigrationOperation {

    private MigrationOperation() {
    }

    public static Machine machine() {
        Map<OperationStep, StepHandler> steps = new EnumMap<>(OperationStep.class);
        steps.put(OperationStep.PREFLIGHT, new Preflight());
        steps.put(OperationStep.AWAITING_APPROVAL, Approvals.start());
        steps.put(OperationStep.PAUSING_RESURRECTION, new PauseResurrection());
        steps.put(OperationStep.STOPPING_DIRECTORS, new StopDirectors());
        steps.put(OperationStep.MOVING_META_STORE_ASIDE, new MoveMetaStoreAside());
        steps.put(OperationStep.COPYING_STORE, new CopyStore());
        steps.put(OperationStep.VERIFYING_COPY, new VerifyCopy());
        steps.put(OperationStep.STARTING_META, new StartMeta());
        steps.put(OperationStep.AWAITING_FENCE_APPROVAL, Approvals.fence());
        steps.put(OperationStep.FENCING_MICRO, new FenceMicroStep());
        steps.put(OperationStep.SCANNING, Adoption.scanning());
        steps.put(OperationStep.RESOLVING, Adoption.resolving());
        steps.put(OperationStep.VERIFYING_PRIMARY, new VerifyPrimary());
        steps.put(OperationStep.UNPAUSING_RESURRECTION, new CloseMigration());
        steps.put(OperationStep.ABORT_STOPPING_META, AbortMigration.stopMeta());
        steps.put(OperationStep.ABORT_RESTORING_META_STORE, AbortMigration.restoreMetaStore());
        steps.put(OperationStep.ABORT_STARTING_DIRECTORS, AbortMigration.startDirectors());
        Map<OperationStep, StepHandler> withActions = new EnumMap<>(OperationStep.class);
        steps.forEach((step, handler) -> withActions.put(step, crossCutting(handler)));
        return new Machine(OperationType.MIGRATION, withActions);
    }

    public static void start(OperationContext context) {
        MigrationStart.start(context);
    }

    /** A retry or an abort is the same at every step; everything else is the step's own. */
    private static StepHandler crossCutting(StepHandler step) {
        StepHandler abort = AbortMigration.begin();
        return (context, action) -> {
            switch (action) {
                case RETRY -> Retry.retry(context);
                case ABORT -> abort.handle(context, action);
                default -> withDeadline(step, context, action);
            }
        };
    }

    /** A step that keeps failing stops for a person once its deadline passed, instead of being tried forever. */
    private static void withDeadline(StepHandler step, OperationContext context, Step.OperationAction action) {
        try {
            handleLosingVms(step, context, action);
        } catch (DirectorException | ShellException e) {
            if (context.operation() == null || !StepDeadline.stop(context, "the last attempt failed: "
                    + e.getMessage())) {
                throw e;
            }
        }
    }

    /** A shell on Primary's or Meta's VM that cannot be opened: a recreated VM is dealt with the same at every step. */
    private static void handleLosingVms(StepHandler step, OperationContext context, Step.OperationAction action) {
        try {
            step.handle(context, action);
        } catch (VmAccessLost lost) {
            OperationStep at = context.operation() == null ? null : context.operation().operationStep();
            boolean settled = at != null && at.aborting() ? AbortLeftOver.settle(context, lost)
                    : VmReplacement.settle(context, lost);
            if (!settled) {
                throw lost;
            }
        }
    }
}
