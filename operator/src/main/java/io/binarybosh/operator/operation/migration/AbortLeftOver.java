package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.decide.Timings;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.AbortLeftOverStatus;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.ShellException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An abort never waits forever on a VM it cannot reach or a director that does not answer again: it does what it
 * can, records what it left ({@code status.migration.unreachableVms}) and finishes saying what a person must do
 * there. Nothing is deleted, and the Micro is not started while Meta's store may still hold its copy.
 */
final class AbortLeftOver {

    private AbortLeftOver() {
    }

    /**
     * A shell lost during an abort: access opened again if the managing director shows a new VM; the VM left to a
     * person if it is another machine now (its host key changed) or stayed unreachable past {@link Timings#ABORT_WAIT}.
     * False when the abort should try again later.
     */
    static boolean settle(OperationContext context, VmAccessLost lost) {
        Optional<Instance> replacement = VmReplacement.replacement(context, lost.role(), lost.access());
        if (replacement.isPresent()) {
            VmReplacement.reopen(context, lost.role(), lost.access(), replacement.get(), "the abort goes on", true);
            return true;
        }
        if (lost.kind() == ShellException.Kind.HOST_KEY_CHANGED || waitedLongEnough(context)) {
            leave(context, lost.role(), lost.getMessage());
            return true;
        }
        return false;
    }

    static boolean waitedLongEnough(OperationContext context) {
        return !Journal.stepStarted(context.operation()).plus(Timings.ABORT_WAIT).isAfter(context.now());
    }

    /** Records that the abort goes on without {@code role}'s VM; at Meta's store steps it moves on to the starts. */
    static void leave(OperationContext context, DirectorRole role, String why) {
        OperationStep step = context.operation().operationStep();
        boolean storeNotBack = role == DirectorRole.META && (step == OperationStep.ABORT_STOPPING_META
                || step == OperationStep.ABORT_RESTORING_META_STORE);
        // Meta's store may have been moved aside without its record (a crash): assume it was, never the opposite.
        String aside = MigrationVms.metaStore(context.pair()) + "/" + MoveMetaStoreAside.asideName(context);
        Consumer<MigrationStatus> change = m -> {
            AbortLeftOverStatus leftOver = m.getAbortLeftOver() == null ? new AbortLeftOverStatus()
                    : m.getAbortLeftOver();
            List<String> left = new ArrayList<>(unreachable(m));
            if (!left.contains(role.fieldName())) {
                left.add(role.fieldName());
            }
            leftOver.setUnreachableVms(left);
            m.setAbortLeftOver(leftOver);
            if (storeNotBack && m.getMetaStoreAside() == null) {
                m.setMetaStoreAside(aside);
            }
        };
        context.beforeRecord("leave-" + role.fieldName());
        BinaryBoshPair written = storeNotBack
                ? Journal.nextMigrationStep(context, OperationStep.ABORT_STARTING_DIRECTORS, "Meta's VM cannot be "
                + "reached: its store is left as it is for a person; starting the other directors", change)
                : context.update(status -> change.accept(status.getMigration()));
        context.events().warning(written, Reason.ABORT_SKIPS_VM, "the abort of migration " + context.operation().getId()
                + " goes on without " + role.displayName() + "'s VM (" + why + "); what a person must do there is "
                + "said when the abort finishes");
    }

    static boolean left(MigrationStatus migration, DirectorRole role) {
        return unreachable(migration).contains(role.fieldName());
    }

    static List<String> unreachable(MigrationStatus migration) {
        AbortLeftOverStatus leftOver = migration.getAbortLeftOver();
        return leftOver == null || leftOver.getUnreachableVms() == null ? List.of() : leftOver.getUnreachableVms();
    }

    /** Meta's VM was left while its store may hold the copy: the Micro must not run until a person put it back. */
    static boolean microMustStayStopped(MigrationStatus migration) {
        return left(migration, DirectorRole.META) && migration.getMetaStoreAside() != null;
    }

    /**
     * Whether the abort unpauses {@code role}'s resurrection: not the Micro it left stopped, nor a Meta whose store
     * may hold the Micro's copy (resurrecting from that data would act on Primary's deployment).
     */
    static boolean unpauses(MigrationStatus migration, DirectorRole role) {
        return switch (role) {
            case MICRO -> !microMustStayStopped(migration) && !left(migration, DirectorRole.MICRO);
            case META -> !microMustStayStopped(migration);
            case PRIMARY -> true;
        };
    }

    /** What a person must do, per director left behind; empty when the abort brought every director back. */
    static String todo(OperationContext context, Map<DirectorRole, String> silent, List<String> notCleaned) {
        MigrationStatus migration = context.migration();
        List<String> todo = new ArrayList<>();
        String store = MigrationVms.metaStore(context.pair());
        if (microMustStayStopped(migration)) {
            todo.add("on Meta's VM (not reachable by the operator: recreated or down): monit stop all; move what is "
                    + "in " + store + " (the Micro's copy, maybe partial) into " + store + "/"
                    + AbortMigration.copyAside(context.operation()) + " and the contents of "
                    + migration.getMetaStoreAside() + " (Meta's own store) back into " + store + "; monit start all. "
                    + "Only then, on the Micro's VM: monit start all (it was left stopped so that two directors never "
                    + "run on its data)");
        } else if (left(migration, DirectorRole.META)) {
            todo.add("on Meta's VM (not reachable by the operator): monit start all");
        }
        if (left(migration, DirectorRole.PRIMARY)) {
            todo.add("on Primary's VM (not reachable by the operator): monit start all");
        }
        if (left(migration, DirectorRole.MICRO)) {
            todo.add("on the Micro's VM (through its jumpbox): monit start all");
        }
        silent.forEach((role, error) -> todo.add(role.displayName() + " did not answer (" + error + "): on its VM, "
                + "monit summary, and monit start all if its processes are stopped"));
        if (!todo.isEmpty()) {
            todo.add("then bosh update-resurrection on against each director that was not unpaused ("
                    + String.join(", ", notUnpaused(migration, silent)) + ")");
        }
        notCleaned.forEach(todo::add);
        return String.join("; ", todo);
    }

    private static List<String> notUnpaused(MigrationStatus migration, Map<DirectorRole, String> silent) {
        List<String> names = new ArrayList<>();
        for (DirectorRole role : List.of(DirectorRole.MICRO, DirectorRole.PRIMARY, DirectorRole.META)) {
            if (silent.containsKey(role) || !unpauses(migration, role)) {
                names.add(role.displayName());
            }
        }
        return names;
    }
}
