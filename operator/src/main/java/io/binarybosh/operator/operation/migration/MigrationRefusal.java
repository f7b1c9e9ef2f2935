package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;

import java.util.List;

/**
 * A reason not to go on, found before anything was stopped: recorded, the migration's temporary ssh users removed,
 * the operation closed as Refused. The decision holds the refusal for a while before preflight runs again.
 */
final class MigrationRefusal {

    private MigrationRefusal() {
    }

    static void refuse(OperationContext context, Reason reason, String message) {
        OperationStatus operation = context.operation();
        removeAccess(context, operation);
        BinaryBoshPair pair = context.pair();
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();
        BinaryBoshPair written = context.update(status -> {
            MigrationStatus m = status.getMigration();
            m.setShellAccess(null);
            m.setRefusalReason(reason.wire());
            m.setRefusalMessage(message);
            m.setRefusalTime(Timestamps.format(context.now()));
            m.setRefusalGeneration(generation);
        });
        context.events().warning(written, reason, "migration refused: " + message);
        Journal.finish(context, OperationResult.REFUSED, reason + ": " + message);
    }

    /** Removes the migration's bosh ssh user from Primary's and Meta's VMs, through the directors managing them. */
    static void removeAccess(OperationContext context, OperationStatus operation) {
        List<ShellAccessStatus> opened = context.migration().getShellAccess();
        if (opened == null) {
            return;
        }
        for (ShellAccessStatus access : opened) {
            DirectorRole role = DirectorRole.fromField(access.getRole());
            DirectorRole manager = role == DirectorRole.META ? DirectorRole.PRIMARY : DirectorRole.MICRO;
            DirectorFacts director = context.facts().of(role);
            String group = director.managerView().flatMap(v -> v.instance()).map(Instance::job).orElse("bosh");
            context.client(manager).sshCleanup(director.deployment(), new SshTarget(group, List.of()),
                    MigrationVms.ephemeralUser(operation), ContextId.of(operation.getId()));
        }
    }
}
