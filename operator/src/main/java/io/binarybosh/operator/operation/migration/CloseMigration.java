package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;

import java.util.List;
import java.util.Optional;

/** Resurrection unpaused on Meta and Primary, the migration's ssh user removed from Meta's VM, the migration done. */
final class CloseMigration implements StepHandler {

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        OperationStatus operation = context.operation();
        for (DirectorRole role : List.of(DirectorRole.META, DirectorRole.PRIMARY)) {
            DirectorClient client = context.client(role);
            client.setResurrectionPaused(false);
            if (!client.resurrectionEnabled()) {
                throw new DirectorException(role.displayName() + " still reports resurrection paused after "
                        + "PUT /resurrection");
            }
        }
        // Meta's VM keeps the migration's ssh user until Primary, which manages it, removes it.
        Optional<Instance> metaInstance = context.facts().meta().managerView().flatMap(v -> v.instance());
        if (MigrationVms.access(context.pair(), DirectorRole.META) != null && metaInstance.isPresent()) {
            context.client(DirectorRole.PRIMARY).sshCleanup(context.facts().meta().deployment(),
                    SshTarget.instance(metaInstance.get().job(), metaInstance.get().id()),
                    MigrationVms.ephemeralUser(operation), ContextId.of(operation.getId()));
        }
        String microAside = context.migration().getMicroStoreAside();
        // Recorded once: a restart between this record and the finish only finishes.
        if (context.migration().getCompletedTime() == null) {
            context.beforeRecord(null);
            context.update(status -> {
                Journal.recordStep(status, context.now());
                MigrationStatus m = status.getMigration();
                m.setCompletedTime(Timestamps.format(context.now()));
                m.setShellAccess(null);
                m.setBlockedReason(null);
                m.setBlockedMessage(null);
                m.setBlockedTime(null);
            });
        }
        Journal.finish(context, OperationResult.SUCCEEDED, "Meta took over from the Micro: Meta manages Primary, "
                + "Primary manages Meta, resurrection is on in both; the Micro's store is at " + microAside);
    }
}
