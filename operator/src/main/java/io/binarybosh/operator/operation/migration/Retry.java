package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.Shell;

/**
 * A person's retry of a migration step that stopped for them (CopyFailed, MetaDidNotStart, AdoptionFailed...):
 * the step starts over, with its attempts and deadline reset. Each retry asks for its own approval value, so an
 * annotation left in place never retries twice.
 */
public final class Retry {

    private Retry() {
    }

    /** The approval value the next retry of this migration waits for. */
    public static String value(OperationStatus operation, MigrationStatus migration) {
        return io.binarybosh.operator.decide.MigrationGates.retryApproval(operation, migration);
    }

    static void retry(OperationContext context) {
        OperationStatus operation = context.operation();
        String reason = context.migration().getBlockedReason();
        // CopyFailed copies again from attempt 1, wherever the fifth attempt failed (the copy, its verification,
        // Meta's start), and so does MetaDiskFull once space was made: the earlier attempts' exit files go first, or
        // attempt 1 would read its old exit code.
        boolean copyAgain = Reason.COPY_FAILED.is(reason) || Reason.META_DISK_FULL.is(reason);
        if (copyAgain) {
            try (Shell meta = MigrationVms.shell(context, DirectorRole.META)) {
                MigrationVms.expect(meta.run(MigrationVms.commands(context.pair()).removeCopyFiles(
                        MigrationVms.copyDir(operation)), MigrationVms.COMMAND), "removing the failed attempts' files");
            }
        }
        // AdoptionFailed scans again from attempt 1, above a new floor: the failed tasks are not found again.
        boolean scanAgain = Reason.ADOPTION_FAILED.is(reason);
        long above = scanAgain ? TaskFloor.of(context.client(DirectorRole.META), context.facts().primary()
                .deployment()) : 0;
        if (VmReplacement.HOST_KEY_CHANGED.is(reason)) {
            VmReplacement.reopenOnRetry(context);
        }
        context.beforeRecord("retry");
        BinaryBoshPair written = context.update(status -> {
            MigrationStatus m = status.getMigration();
            m.setRetries((m.getRetries() == null ? 0 : m.getRetries()) + 1);
            m.setBlockedReason(null);
            m.setBlockedMessage(null);
            m.setBlockedTime(null);
            OperationStatus op = status.getOperation();
            if (copyAgain) {
                op.setStep(OperationStep.COPYING_STORE.wire());
            }
            if (scanAgain) {
                op.setStep(OperationStep.SCANNING.wire());
                op.setAttempt(1);
                op.setTaskId(null);
                op.setTaskState(null);
                op.setTaskIdAbove(above);
            }
            if (op.at(OperationStep.COPYING_STORE)) {
                m.setCopyAttempt(1);
                CopyRedo.clearProgress(m);
            }
            op.setStepStartedTime(Timestamps.format(context.now()));
            op.setFailures(null);
            op.setRetryTime(null);
            op.setMessage("retried by a person after " + reason + ": " + op.getStep() + " starts over");
        });
        context.events().normal(written, Reason.MIGRATION_RETRIED, "migration " + operation.getId() + " stopped at "
                + operation.getStep() + " (" + reason + "); a person let it try again");
    }
}
