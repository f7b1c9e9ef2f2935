package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.VmCommands;

import java.util.Optional;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * Meta's own store moved into a folder inside it (the store is a mount point), never deleted; redone after a
 * crash, the move finds its work done.
 */
final class MoveMetaStoreAside implements StepHandler {

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        VmCommands commands = MigrationVms.commands(pair);
        String aside = asideName(context);
        String metaStore = MigrationVms.metaStore(pair);
        try (Shell shell = MigrationVms.shell(context, DirectorRole.META)) {
            Optional<String> running = MetaStopped.check(shell, pair);
            if (running.isPresent()) {
                throw new ShellException(running.get() + " again; the migration stops them first");
            }
            String left = expect(shell.run(commands.moveContentsAside(metaStore, aside), COMMAND),
                    "moving Meta's store aside");
            if (!left.isBlank()) {
                throw new ShellException("after moving Meta's store aside, " + left.trim() + " is still in it");
            }
        }
        String where = metaStore + "/" + aside;
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.COPYING_STORE,
                "Meta's store moved to " + where + ": copying the Micro's store", m -> {
                    m.setMetaStoreAside(where);
                    m.setCopyAttempt(1);
                });
        context.events().normal(written, Reason.META_STORE_MOVED_ASIDE, "Meta's own store was moved to " + where
                + " (kept until a person removes it)");
    }

    static String asideName(OperationContext context) {
        return VmCommands.ASIDE_PREFIX + "meta-before-migration-" + MigrationVms.stamp(context.operation());
    }
}
