package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.model.SshSpec;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.ChecksumTool;
import io.binarybosh.operator.shell.CopyLook;
import io.binarybosh.operator.shell.DerivedSshKey;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.RsyncProgress;
import io.binarybosh.operator.shell.RsyncServerCommand;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.VmCommands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * rsync on Meta pulls the Micro's store, one attempt at a time, detached from the ssh session so that a restarted
 * operator finds it running or ended. Each attempt starts only with both ends proven stopped; a copy key that
 * may run only rsync's sending side is authorized on the Micro for it.
 */
final class CopyStore implements StepHandler {

    /** How long a look at the running copy waits for it to end, so that its end is seen when it happens. */
    static final int COPY_WAIT_SECONDS = 5;
    /** The hash of file contents in the checksum listings of both stores. */
    static final ChecksumTool CHECKSUM_TOOL = ChecksumTool.B2SUM;
    /** An attempt that runs longer is stopped and redone (rsync's --timeout catches a stalled transfer sooner). */
    static final Duration COPY_DEADLINE = Duration.ofHours(12);

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        MigrationStatus migration = context.migration();
        int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
        VmCommands commands = MigrationVms.commands(pair);
        String dir = MigrationVms.copyDir(context.operation());
        String microStore = MigrationVms.microStore(pair);
        // Until an attempt is recorded started (its copied bytes known), a look may start one: the Micro's side of
        // it begins at once.
        try (MicroPreparation micro = migration.getCopiedBytes() == null
                ? MicroPreparation.begin(context, commands, microStore) : null;
             Shell meta = MigrationVms.shell(context, DirectorRole.META)) {
            CopyLook look = CopyLook.parse(expect(meta.run(commands.copyLook(dir, attempt, COPY_WAIT_SECONDS,
                    MigrationVms.metaStore(pair), microStore + "/"), COMMAND), "reading the copy's state"));
            RsyncProgress progress = look.progress();
            // An attempt that ended well is not looked at here: the verification proves Meta stopped first, and
            // redoes the copy the same way when it runs. Before a start, the look sent monit stop all first.
            Optional<String> metaRuns = progress.succeeded() ? Optional.empty() : MetaStopped.running(look.report());
            if (metaRuns.isPresent()) {
                if (progress.notStarted()) {
                    Journal.message(context, metaRuns.get() + ": monit stop all sent, the copy starts once Meta is "
                            + "stopped");
                    return;
                }
                // Meta's VM restarted and monit started its director on a half-copied store. The redo is recorded
                // before Meta and rsync are stopped: a restarted operator must never take this attempt, which may
                // even have ended well, for a copy of a store nothing wrote to.
                CopyRedo.redo(context, attempt, metaRuns.get() + " during copy attempt " + attempt);
                expect(meta.run(commands.monitStopAll(), COMMAND), "monit stop all on Meta");
                meta.run(commands.stopRsync(dir, attempt), COMMAND);
                return;
            }
            if (progress.notStarted()) {
                String probe = look.probe().orElseGet(() -> expect(meta.run(commands.rsyncServerCommandProbe(dir,
                        attempt > 1, microStore + "/"), COMMAND), "reading the command rsync on Meta sends"));
                if (micro != null) {
                    start(context, meta, micro, attempt, dir, probe);
                } else {
                    try (MicroPreparation late = MicroPreparation.begin(context, commands, microStore)) {
                        start(context, meta, late, attempt, dir, probe);
                    }
                }
            } else if (progress.exitCode() == null && !progress.failed()) {
                if (MigrationVms.stepStarted(context.operation()).plus(COPY_DEADLINE).isBefore(context.now())) {
                    meta.run(commands.stopRsync(dir, attempt), COMMAND);
                    CopyRedo.redo(context, attempt, "copy attempt " + attempt + " still ran "
                            + COPY_DEADLINE.toHours() + " hours after it started");
                    return;
                }
                running(context, progress, attempt);
            } else if (progress.succeeded()) {
                finished(context, progress, attempt);
            } else if (progress.noSpace()) {
                meta.run(commands.stopRsync(dir, attempt), COMMAND);
                CopyRedo.diskFull(context, attempt, progress.exitCode());
            } else {
                meta.run(commands.stopRsync(dir, attempt), COMMAND);
                CopyRedo.redo(context, attempt, "copy attempt " + attempt + (progress.exitCode() == null
                        ? " was interrupted (rsync is gone without an exit code)" : " ended with rsync exit code "
                        + progress.exitCode()) + (progress.lastLine() == null ? "" : ": " + progress.lastLine()));
            }
        }
    }

    private void start(OperationContext context, Shell meta, MicroPreparation micro, int attempt, String dir,
                       String probe) {
        BinaryBoshPair pair = context.pair();
        OperationStatus operation = context.operation();
        VmCommands commands = MigrationVms.commands(pair);
        if (attempt > 1) {
            // an earlier attempt whose stop was not carried out (the operator died first) must not race this one
            meta.run(commands.stopRsync(dir, attempt - 1), COMMAND);
        }
        SshSpec microSsh = pair.getSpec().getBootstrap().getMicro().getSsh();
        ShellAccessStatus metaAccess = MigrationVms.access(pair, DirectorRole.META);
        DerivedSshKey copyKey = MigrationVms.key(context, operation, "copy", CopyRedo.copyKeyMarker(operation));
        String microStore = MigrationVms.microStore(pair);
        // The copy key may run exactly the rsync server command this Meta's rsync sends for this attempt.
        RsyncServerCommand server = RsyncServerCommand.parse(probe);
        // The Micro's side (its store proven still shut down, the copy key authorized) runs while Meta is given the
        // copy key and the Micro's host key.
        CompletableFuture<Optional<String>> microSide = CompletableFuture.supplyAsync(() ->
                prepareMicro(context, micro, commands, microSsh, copyKey, metaAccess, server));
        try {
            expect(meta.run(commands.writeCopyFiles(dir, MigrationVms.knownHostsLine(microSsh.getHost(),
                    microSsh.getPort(), context.shells().microTarget(pair).hostKey())), copyKey.privateKeyPem(),
                    COMMAND), "giving Meta the copy key and the Micro's host key");
        } catch (RuntimeException e) {
            MigrationVms.awaitQuietly(microSide);
            throw e;
        }
        Optional<String> sourceRuns = MigrationVms.join(microSide);
        if (sourceRuns.isPresent()) {
            Journal.block(context, Reason.SOURCE_POSTGRES_RUNNING, "pg_controldata no longer says 'shut down' on the "
                    + "Micro's store (" + sourceRuns.get() + "): postgres runs again, and a copy of a live database "
                    + "is not a copy. Stop it (monit stop all on the Micro) and the operator goes on");
            return;
        }
        String ssh = VmCommands.copySshCommand(dir, microSsh.getPort() == null ? 22 : microSsh.getPort(),
                metaAccess.getHost());
        // The Micro's listing starts beside rsync; neither waits for the other.
        CompletableFuture<Void> listing = CompletableFuture.runAsync(() -> expect(micro.shell().run(
                commands.startSourceChecksum(dir, microStore, CHECKSUM_TOOL), COMMAND),
                "starting the checksum listing of the Micro's store"));
        try {
            expect(meta.run(commands.startRsync(dir, attempt, attempt > 1, ssh, microSsh.getUser() + "@"
                    + microSsh.getHost() + ":" + microStore + "/", MigrationVms.metaStore(pair), CHECKSUM_TOOL),
                    COMMAND), "starting rsync on Meta");
        } catch (RuntimeException e) {
            MigrationVms.awaitQuietly(listing);
            throw e;
        }
        MigrationVms.join(listing);
        // Nothing copied yet, and said so: the looks that follow this attempt no longer begin a start's Micro side.
        context.update(status -> {
            status.getMigration().setCopiedBytes(0L);
            status.getOperation().setMessage("copy attempt " + attempt + " started: rsync on Meta pulls the Micro's "
                    + "store");
        });
    }

    /**
     * Each attempt starts only on a source proven still stopped (its postgres state read with the look that started
     * it); a postgres that starts during the copy changes the store, and the checksums of the verification catch it.
     * The source is stopped and stays so: its listing, started with rsync, is made while rsync reads it, and checked
     * against the store's fingerprint when the copy is verified.
     *
     * @return what runs on the Micro's store instead of a shut down cluster; empty once the Micro is ready
     */
    private static Optional<String> prepareMicro(OperationContext context, MicroPreparation micro,
                                                 VmCommands commands, SshSpec microSsh, DerivedSshKey copyKey,
                                                 ShellAccessStatus metaAccess, RsyncServerCommand server) {
        PostgresState source = micro.state();
        if (!source.notShutDown().isEmpty()) {
            return Optional.of(String.valueOf(source.notShutDown()));
        }
        expect(micro.shell().run(commands.authorize(microSsh.getAuthorizedKeysFile(), VmCommands.copyKeyLine(
                copyKey.publicKeyLine(), metaAccess.getHost(), server), CopyRedo.copyKeyMarker(
                context.operation())), COMMAND), "authorizing the copy key on the Micro");
        return Optional.empty();
    }

    private void running(OperationContext context, RsyncProgress progress, int attempt) {
        Long before = context.migration().getCopiedBytes();
        context.update(status -> {
            MigrationStatus m = status.getMigration();
            if (progress.bytes() != null) {
                m.setCopiedBytes(progress.bytes());
            }
            if (progress.files() != null) {
                m.setCopiedFiles(progress.files());
            }
            m.setCopyRate(progress.rate());
            status.getOperation().setMessage("copy attempt " + attempt + " running: "
                    + (progress.bytes() == null ? "starting" : progress.bytes() + " bytes at " + progress.rate()));
        });
        if (progress.bytes() != null && before != null && progress.bytes() > before) {
            context.metrics().copied(progress.bytes() - before);
        }
    }

    private void finished(OperationContext context, RsyncProgress progress, int attempt) {
        long before = context.migration().getCopiedBytes() == null ? 0 : context.migration().getCopiedBytes();
        if (progress.bytes() != null && progress.bytes() > before) {
            context.metrics().copied(progress.bytes() - before);
        }
        Duration took = Duration.between(MigrationVms.stepStarted(context.operation()), context.now());
        if (progress.bytes() != null && took.toMillis() > 0) {
            context.metrics().copyRate(progress.bytes() * 1000.0 / took.toMillis());
        }
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.VERIFYING_COPY, "copy attempt "
                + attempt + " finished: comparing checksums of both stores", m -> {
                    if (progress.bytes() != null) {
                        m.setCopiedBytes(progress.bytes());
                    }
                    if (progress.files() != null) {
                        m.setCopiedFiles(progress.files());
                    }
                    m.setCopyRate(progress.rate());
                });
        context.events().normal(written, Reason.STORE_COPIED,
                "rsync copied the Micro's store onto Meta (attempt " + attempt
                + (progress.bytes() == null ? "" : ", " + progress.bytes() + " bytes at " + progress.rate())
                + "): verifying");
    }
}
