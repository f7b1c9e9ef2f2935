package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.model.AbortLeftOverStatus;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.MigrationStepRecord;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.VmCommands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * A migration brought back to the state before it ({@code binarybosh.io/abort=<id>} or the pair's deletion), as
 * long as the Micro is not fenced: Meta stopped, the copy moved aside on Meta and Meta's own store moved back,
 * then Meta, Primary and the Micro started and resurrection unpaused on the three. Nothing is deleted.
 */
final class AbortMigration {

    private AbortMigration() {
    }

    /** Writes the abort's intent and its first step: nothing to undo on Meta before its store was touched. */
    static StepHandler begin() {
        return (context, action) -> {
            OperationStatus operation = context.operation();
            String reason = context.pair().getMetadata().getDeletionTimestamp() != null
                    ? "the pair is being deleted" : "binarybosh.io/abort=" + operation.getId();
            boolean metaTouched = reached(context.migration(), OperationStep.STOPPING_DIRECTORS);
            OperationStep first = metaTouched ? OperationStep.ABORT_STOPPING_META
                    : OperationStep.ABORT_STARTING_DIRECTORS;
            BinaryBoshPair written = Journal.next(context, first, "aborting (" + reason + ") at " + operation.getStep()
                    + ": bringing the directors back to the state before the migration",
                    status -> status.getOperation().setAbortReason(reason));
            context.events().warning(written, Reason.MIGRATION_ABORTING,
                    "migration " + operation.getId() + " is aborted at "
                    + operation.getStep() + " (" + reason + "): Meta's own store goes back in place, the directors "
                    + "start again, resurrection is unpaused");
        };
    }

    static StepHandler stopMeta() {
        return (context, action) -> {
            BinaryBoshPair pair = context.pair();
            MigrationStatus migration = context.migration();
            int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
            try (Shell meta = MigrationVms.shell(context, DirectorRole.META)) {
                meta.run(MigrationVms.commands(pair).stopRsync(MigrationVms.copyDir(context.operation()), attempt),
                        COMMAND);
                Optional<String> running = MetaStopped.check(meta, pair);
                if (running.isPresent()) {
                    Journal.message(context, running.get() + ": monit stop all sent before Meta's store goes back");
                    return;
                }
            }
            Journal.next(context, OperationStep.ABORT_RESTORING_META_STORE, "Meta is stopped: moving the copy "
                    + "aside and Meta's own store back", null);
        };
    }

    static StepHandler restoreMetaStore() {
        return (context, action) -> {
            BinaryBoshPair pair = context.pair();
            OperationStatus operation = context.operation();
            VmCommands commands = MigrationVms.commands(pair);
            String store = MigrationVms.metaStore(pair);
            String copyAside = copyAside(operation);
            try (Shell meta = MigrationVms.shell(context, DirectorRole.META)) {
                String left = expect(meta.run(StoreRestore.script(commands, store,
                        MoveMetaStoreAside.asideName(context), copyAside), COMMAND), "moving Meta's store back");
                if (!left.isBlank()) {
                    throw new ShellException("after moving Meta's store back, " + left.trim() + " is left over");
                }
                meta.run(commands.removeCopyFiles(MigrationVms.copyDir(operation)), COMMAND);
            }
            if (reached(context.migration(), OperationStep.MOVING_META_STORE_ASIDE)) {
                CopyRedo.revokeCopyKey(context);
            }
            BinaryBoshPair written = Journal.next(context, OperationStep.ABORT_STARTING_DIRECTORS, "Meta's own store "
                    + "is back in " + store + " (the copy is in " + store + "/" + copyAside + "): starting the "
                    + "directors", status -> status.getMigration().setMetaStoreAside(null));
            context.events().normal(written, Reason.META_STORE_RESTORED, "Meta's own store is back in place; what was "
                    + "copied onto it is kept in " + store + "/" + copyAside + " until a person removes it");
        };
    }

    /**
     * Starts what the migration stopped and unpauses resurrection. A VM it cannot reach and a director that does not
     * answer again are waited for at most {@link io.binarybosh.operator.decide.Timings#ABORT_WAIT}; then the abort
     * finishes without them, unpausing the directors that run, and says what a person must do.
     */
    static StepHandler startDirectors() {
        return (context, action) -> {
            // The ssh access is removed only after the starts: a restart that finds it gone has started them.
            if (reached(context.migration(), OperationStep.PAUSING_RESURRECTION)
                    && context.migration().getShellAccess() != null && !startJobs(context)) {
                return;
            }
            MigrationStatus migration = context.migration();
            Map<DirectorRole, String> silent = new LinkedHashMap<>();
            for (DirectorRole role : List.of(DirectorRole.MICRO, DirectorRole.PRIMARY, DirectorRole.META)) {
                if (!AbortLeftOver.unpauses(migration, role)) {
                    continue;
                }
                try {
                    context.client(role).setResurrectionPaused(false);
                } catch (DirectorException e) {
                    silent.put(role, e.getMessage());
                }
            }
            if (!silent.isEmpty() && !AbortLeftOver.waitedLongEnough(context)) {
                if (!reached(migration, OperationStep.STOPPING_DIRECTORS)) {
                    throw new DirectorException(String.join("; ", silent.values()));
                }
                Journal.message(context, "waiting for " + String.join(" and ", silent.keySet().stream()
                        .map(DirectorRole::displayName).toList()) + " to answer after monit start all, to unpause "
                        + "its resurrection (until " + Journal.stepStarted(context.operation()).plus(
                        io.binarybosh.operator.decide.Timings.ABORT_WAIT) + "): " + String.join("; ", silent.values()));
                return;
            }
            finish(context, silent);
        };
    }

    /** monit start all where the migration stopped it; false when a lost VM was dealt with and the step goes on later. */
    private static boolean startJobs(OperationContext context) {
        MigrationStatus migration = context.migration();
        VmCommands commands = MigrationVms.commands(context.pair());
        for (DirectorRole role : List.of(DirectorRole.META, DirectorRole.PRIMARY)) {
            if (AbortLeftOver.left(migration, role)) {
                continue;
            }
            try (Shell shell = MigrationVms.shell(context, role)) {
                expect(shell.run(commands.startJobs(), COMMAND), "monit start all on " + role.displayName());
            } catch (VmAccessLost lost) {
                if (!AbortLeftOver.settle(context, lost)) {
                    throw lost;
                }
                return false;
            }
        }
        if (migration.getMicroStoreAside() == null && !AbortLeftOver.microMustStayStopped(migration)
                && !AbortLeftOver.left(migration, DirectorRole.MICRO)) {
            try (Shell micro = MigrationVms.micro(context)) {
                expect(micro.run(commands.startJobs(), COMMAND), "monit start all on the Micro");
            } catch (ShellException e) {
                if (!AbortLeftOver.waitedLongEnough(context)) {
                    throw e;
                }
                AbortLeftOver.leave(context, DirectorRole.MICRO, e.getMessage());
                return false;
            }
        }
        return true;
    }

    private static void finish(OperationContext context, Map<DirectorRole, String> silent) {
        OperationStatus operation = context.operation();
        List<String> notCleaned = new ArrayList<>();
        try {
            MigrationRefusal.removeAccess(context, operation);
        } catch (DirectorException e) {
            if (silent.isEmpty() && AbortLeftOver.unreachable(context.migration()).isEmpty()
                    && !AbortLeftOver.waitedLongEnough(context)) {
                throw e;
            }
            notCleaned.add("the migration's ssh user " + MigrationVms.ephemeralUser(operation) + " may stay on "
                    + "Primary's or Meta's VM until its director removes it (" + e.getMessage() + ")");
        }
        String todo = AbortLeftOver.todo(context, silent, notCleaned);
        BinaryBoshPair written = context.update(status -> {
            status.getMigration().setShellAccess(null);
            if (!todo.isEmpty()) {
                AbortLeftOverStatus leftOver = status.getMigration().getAbortLeftOver() == null
                        ? new AbortLeftOverStatus() : status.getMigration().getAbortLeftOver();
                leftOver.setTodo(todo);
                status.getMigration().setAbortLeftOver(leftOver);
            }
        });
        if (todo.isEmpty()) {
            Journal.finish(context, OperationResult.ABORTED, "migration aborted (" + operation.getAbortReason()
                    + "): Meta runs on its own store again, the Micro and Primary run, resurrection is unpaused; "
                    + "nothing was deleted");
            return;
        }
        if (silent.containsKey(DirectorRole.MICRO)) {
            context.events().warning(written, Reason.MICRO_DID_NOT_COME_BACK, "the Micro did not answer within "
                    + io.binarybosh.operator.decide.Timings.ABORT_WAIT.toMinutes() + " minutes after monit start all ("
                    + silent.get(DirectorRole.MICRO) + "): on the Micro's VM, through its jumpbox, run monit summary "
                    + "and monit start all, then bosh -e micro update-resurrection on");
        }
        context.events().warning(written, Reason.ABORT_INCOMPLETE, "the abort of migration " + operation.getId()
                + " finished without bringing every director back; a person must: " + todo);
        Journal.finish(context, OperationResult.ABORTED, "migration aborted (" + operation.getAbortReason()
                + ") but NOT complete: " + todo + ". Nothing was deleted; no migration starts until a person "
                + "did that (status.migration.abortLeftOver)");
    }

    static String copyAside(OperationStatus operation) {
        return VmCommands.ASIDE_PREFIX + "aborted-copy-" + MigrationVms.stamp(operation);
    }

    /** Whether the migration's step log says {@code step} ended (so the step after it was entered). */
    static boolean reached(MigrationStatus migration, OperationStep step) {
        List<MigrationStepRecord> steps = migration == null ? null : migration.getSteps();
        return steps != null && steps.stream().anyMatch(s -> step.wire().equals(s.getStep()))
                || step == OperationStep.STOPPING_DIRECTORS && reached(migration, OperationStep.PAUSING_RESURRECTION);
    }
}
