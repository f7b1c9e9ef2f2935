package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.shell.Shell;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;

/**
 * A copy attempt that failed or did not verify is redone, up to {@link #COPY_ATTEMPTS}; then the copy key is
 * removed from the Micro and a person is asked ({@code CopyFailed}), who may let it try again. An attempt that ran
 * out of space on Meta asks at once ({@code MetaDiskFull}).
 */
final class CopyRedo {

    static final int COPY_ATTEMPTS = 5;

    private CopyRedo() {
    }

    static String copyKeyMarker(OperationStatus operation) {
        return "binarybosh-copy-" + operation.getId();
    }

    static void redo(OperationContext context, int attempt, String why) {
        if (attempt >= COPY_ATTEMPTS) {
            revokeCopyKey(context);
            Journal.block(context, Reason.COPY_FAILED, why + "; " + attempt + " attempts failed. Meta's director stays "
                    + "stopped and the copy key was removed from the Micro; look at the rsync logs in "
                    + MigrationVms.copyDir(context.operation()) + " on Meta's VM, then let the operator copy again "
                    + "with binarybosh.io/approve=" + Retry.value(context.operation(), context.migration())
                    + ", or go back with binarybosh.io/abort=" + context.operation().getId());
            return;
        }
        context.beforeRecord("redo");
        BinaryBoshPair written = context.update(status -> {
            MigrationStatus m = status.getMigration();
            m.setCopyAttempt(attempt + 1);
            clearProgress(m);
            OperationStatus op = status.getOperation();
            if (!OperationStep.COPYING_STORE.wire().equals(op.getStep())) {
                // a verification that failed is a step of the run's log like any other
                Journal.recordStep(status, context.now());
            }
            op.setStep(OperationStep.COPYING_STORE.wire());
            op.setStepStartedTime(Timestamps.format(context.now()));
            op.setMessage(why + ": copying again (attempt " + (attempt + 1) + ")");
        });
        context.events().warning(written, Reason.COPY_REDONE, why + ": the copy is redone (attempt " + (attempt + 1)
                + "); Meta's director stays stopped until a copy verifies");
    }

    /**
     * rsync ran out of space on Meta's persistent disk: another attempt would only fill it again (Meta's own store,
     * moved aside, is on the same disk), so a person is asked at once ({@code MetaDiskFull}); the partial copy stays,
     * Meta's director stopped, and the copy key goes.
     */
    static void diskFull(OperationContext context, int attempt, Integer exitCode) {
        revokeCopyKey(context);
        Journal.block(context, Reason.META_DISK_FULL, "copy attempt " + attempt + " ran out of space on Meta's persistent "
                + "disk (rsync: No space left on device" + (exitCode == null ? "" : ", exit code " + exitCode)
                + "). Meta's director stays stopped on the partial copy and the copy key was removed from the Micro; "
                + "free space on Meta's disk (df " + MigrationVms.metaStore(context.pair()) + ") or give Meta a bigger "
                + "one, then let the operator copy again with binarybosh.io/approve="
                + Retry.value(context.operation(), context.migration()) + ", or go back with binarybosh.io/abort="
                + context.operation().getId());
    }

    static void clearProgress(MigrationStatus m) {
        m.setCopiedBytes(null);
        m.setCopiedFiles(null);
        m.setCopyRate(null);
        m.setCopyVerified(null);
    }

    /** The copy key goes whatever the copy's outcome: it may run rsync's sending side as root on the Micro. */
    static void revokeCopyKey(OperationContext context) {
        try (Shell micro = MigrationVms.micro(context)) {
            revokeCopyKey(micro, context.pair(), context.operation());
        }
    }

    /** As {@link #revokeCopyKey(OperationContext)}, over a login to the Micro already open. */
    static void revokeCopyKey(Shell micro, BinaryBoshPair pair, OperationStatus operation) {
        MigrationVms.expect(micro.run(MigrationVms.commands(pair).revoke(pair.getSpec().getBootstrap().getMicro()
                .getSsh().getAuthorizedKeysFile(), copyKeyMarker(operation)), COMMAND),
                "removing the copy key from the Micro");
    }
}
