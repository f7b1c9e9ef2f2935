package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.EarlyListing;
import io.binarybosh.operator.shell.VmCommands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * Both stores read in full, on two VMs at once: the source's listing was made while the copy ran, the target's by
 * the copy's job right after rsync ended; each is made again here if its store changed since. The copy key leaves
 * the Micro first, since rsync has ended; equal listings verify the copy, and the working files go.
 */
final class VerifyCopy implements StepHandler {

    /** Checksumming a store reads all of it. */
    static final Duration CHECKSUM = Duration.ofMinutes(30);

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        OperationStatus operation = context.operation();
        MigrationStatus migration = context.migration();
        int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
        VmCommands commands = MigrationVms.commands(pair);
        String dir = MigrationVms.copyDir(operation);
        String microStore = MigrationVms.microStore(pair);
        String source;
        String sourceSum;
        String targetSum;
        // Both VMs' logins at once: the verification's first commands need both.
        CompletableFuture<Shell> microLogin = CompletableFuture.supplyAsync(() -> MigrationVms.micro(context));
        Shell metaShell;
        try {
            metaShell = MigrationVms.shell(context, DirectorRole.META);
        } catch (RuntimeException e) {
            MigrationVms.awaitQuietly(microLogin.thenAccept(Shell::close));
            throw e;
        }
        try (Shell meta = metaShell; Shell micro = MigrationVms.join(microLogin)) {
            // While Meta is proven stopped: the copy key goes from the Micro (rsync ended, and a redo authorizes its
            // own), then the Micro's listing, made while rsync ran, is fetched.
            CompletableFuture<EarlyListing> early = CompletableFuture.supplyAsync(() -> {
                CopyRedo.revokeCopyKey(micro, pair, operation);
                return EarlyListing.parse(expect(micro.run(commands.sourceChecksum(dir, microStore,
                        (int) CHECKSUM.toSeconds()), CHECKSUM), "reading the Micro's checksum listing"));
            });
            CompletableFuture<?> pending = early;
            String target;
            try {
                Optional<String> metaRuns = MetaStopped.check(meta, pair);
                if (metaRuns.isPresent()) {
                    MigrationVms.awaitQuietly(early);
                    CopyRedo.redo(context, attempt, metaRuns.get() + " before the copy was verified");
                    return;
                }
                // A listing the store's fingerprint no longer matches is made again, beside Meta's.
                CompletableFuture<String> sourceSide = early.thenApplyAsync(listing -> listing.usable()
                        .orElseGet(() -> expect(micro.run(commands.checksum(dir, microStore, CopyStore.CHECKSUM_TOOL,
                                (int) CHECKSUM.toSeconds()), CHECKSUM), "checksumming the Micro's store")));
                pending = sourceSide;
                target = metaListing(meta, commands, dir, attempt, MigrationVms.metaStore(pair));
                source = MigrationVms.join(sourceSide);
            } catch (RuntimeException e) {
                MigrationVms.awaitQuietly(pending);
                throw e;
            }
            sourceSum = source.lines().findFirst().orElse("").trim();
            targetSum = target.lines().findFirst().orElse("").trim();
            if (sourceSum.isEmpty() || !sourceSum.equals(targetSum)) {
                context.update(status -> {
                    status.getMigration().setSourceChecksum(sourceSum);
                    status.getMigration().setTargetChecksum(targetSum);
                });
                CopyRedo.redo(context, attempt, "the checksums differ after copy attempt " + attempt + " (Micro "
                        + source.replace('\n', ' ').trim() + ", Meta " + target.replace('\n', ' ').trim() + ")");
                return;
            }
            CompletableFuture<Void> microCleanup = CompletableFuture.runAsync(() -> expect(micro.run(
                    commands.removeCopyFiles(dir), COMMAND), "removing the checksum listing from the Micro"));
            try {
                expect(meta.run(commands.removeCopyFiles(dir), COMMAND), "removing the copy key from Meta");
            } catch (RuntimeException e) {
                MigrationVms.awaitQuietly(microCleanup);
                throw e;
            }
            MigrationVms.join(microCleanup);
        }
        String files = source.lines().skip(1).findFirst().orElse("?").trim();
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.STARTING_META, "copy verified ("
                + files + " files, listing sha256 " + sourceSum + " of " + CopyStore.CHECKSUM_TOOL.command()
                + "): starting Meta", m -> {
                    m.setSourceChecksum(sourceSum);
                    m.setTargetChecksum(targetSum);
                    m.setCopyVerified(true);
                });
        context.events().normal(written, Reason.COPY_VERIFIED, "Meta's store equals the Micro's: " + files + " files, "
                + "listing sha256 " + sourceSum + "; the copy key was removed from both VMs");
    }

    /**
     * Meta's listing, made by the copy's job as soon as rsync ended (so while the copy's end was recorded and Meta
     * proven stopped), waited for; made again when the store changed since it began, or when there is none.
     */
    private static String metaListing(Shell meta, VmCommands commands, String dir, int attempt, String metaStore) {
        EarlyListing early = EarlyListing.parse(expect(meta.run(commands.targetChecksum(dir, attempt, metaStore,
                (int) CHECKSUM.toSeconds()), CHECKSUM), "reading Meta's checksum listing"));
        return early.usable().orElseGet(() -> {
            // a listing still running after the wait must not read the store beside the one made now
            expect(meta.run(commands.stopRsync(dir, attempt), COMMAND), "stopping the copy's listing on Meta");
            return expect(meta.run(commands.checksum(dir, metaStore, CopyStore.CHECKSUM_TOOL,
                    (int) CHECKSUM.toSeconds()), CHECKSUM), "checksumming Meta's store");
        });
    }
}
