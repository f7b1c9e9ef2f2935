package io.binarybosh.operator.act;

import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.decide.OperationTypes;
import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.MigrationStepRecord;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.model.VmAccessSpec;
import io.binarybosh.operator.observe.DirectorRole;
import io.binarybosh.operator.observe.ManifestAddresses;
import io.binarybosh.operator.reconcile.Timestamps;
import io.binarybosh.operator.shell.CommandResult;
import io.binarybosh.operator.shell.DerivedSshKey;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.ChecksumTool;
import io.binarybosh.operator.shell.RsyncProgress;
import io.binarybosh.operator.shell.RsyncServerCommand;
import io.binarybosh.operator.shell.SourceChecksum;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.SshTarget;
import io.binarybosh.operator.shell.VmCommands;
import io.binarybosh.operator.shell.WorkDir;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Carries the bootstrap migration one step per reconcile (so that the pause annotation stops it between steps): preflight, resurrection paused, the three directors stopped
 * and proven stopped, Meta's store moved aside, the Micro's store pulled onto Meta with rsync and verified by
 * checksums, Meta started on it, the Micro fenced, Primary's VM recreated by Meta, resurrection unpaused. Every
 * step checks its precondition on the VMs again just before acting, and is written to status before it acts, so
 * that a restarted operator resumes it; a step that finds something a person must fix records why and stops.
 */
final class Migrator {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    /** Checksumming a store reads all of it. */
    private static final Duration CHECKSUM = Duration.ofMinutes(30);
    private static final Duration SSH_SETUP = Duration.ofMinutes(5);
    /** How long a look at the running copy waits for it to end, so that its end is seen when it happens. */
    static final int COPY_WAIT_SECONDS = 5;
    /** The hash of file contents in the checksum listings of both stores. */
    static final ChecksumTool CHECKSUM_TOOL = ChecksumTool.B2SUM;
    static final Duration QUIESCE_DEADLINE = Duration.ofMinutes(5);
    static final Duration START_DEADLINE = Duration.ofMinutes(10);
    static final Duration ADOPT_DEADLINE = Duration.ofMinutes(15);
    static final int COPY_ATTEMPTS = 5;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Closes the operation and puts it in the history. */
    interface Finisher {
        void finish(BinaryBoshPair pair, String result, String message, StatusWriter writer, EventSink events);
    }

    private final DirectorAccess directors;
    private final ShellAccess shells;
    private final PairMetrics metrics;
    private final Clock clock;
    private final Finisher finisher;

    Migrator(DirectorAccess directors, ShellAccess shells, PairMetrics metrics, Clock clock, Finisher finisher) {
        this.directors = directors;
        this.shells = shells;
        this.metrics = metrics;
        this.clock = clock;
        this.finisher = finisher;
    }

    /** Writes the operation with what the observation recorded of the three directors, then runs preflight. */
    void start(OperationStatus operation, BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        MigrationStatus migration = new MigrationStatus();
        migration.setSourceUrl(facts.micro().url());
        migration.setSourceUuid(facts.micro().info().uuid());
        migration.setSourceVersion(facts.micro().info().version());
        migration.setTargetUrl(facts.meta().observation().url());
        migration.setTargetVersion(facts.meta().observation().info().version());
        migration.setTargetVmCid(facts.meta().managerView().flatMap(v -> v.instance()).map(Instance::cid).orElse(null));
        facts.primary().managerView().flatMap(v -> v.instance()).ifPresent(i -> {
            migration.setPrimaryVmCid(i.cid());
            migration.setPrimaryAgentId(i.agentId());
        });
        BinaryBoshPair written = writer.update(pair, status -> {
            status.setOperation(operation);
            status.setMigration(migration);
        });
        events.normal(written, "MigrationStarted", "migration " + operation.getId() + " from the Micro at "
                + migration.getSourceUrl() + " to Meta at " + migration.getTargetUrl() + ": preflight");
        proceed(written, facts, writer, events);
    }

    /** Carries the current step as far as it goes now. */
    void proceed(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        switch (operation.getStep()) {
            case OperationTypes.PREFLIGHT -> preflight(pair, facts, writer, events);
            case OperationTypes.PAUSING_RESURRECTION -> pauseResurrection(pair, writer, events);
            case OperationTypes.STOPPING_DIRECTORS -> stopDirectors(pair, writer, events);
            case OperationTypes.MOVING_META_STORE_ASIDE -> moveMetaStoreAside(pair, writer, events);
            case OperationTypes.COPYING_STORE -> copy(pair, writer, events);
            case OperationTypes.VERIFYING_COPY -> verifyCopy(pair, writer, events);
            case OperationTypes.STARTING_META -> startMeta(pair, writer, events);
            case OperationTypes.FENCING_MICRO -> fenceMicro(pair, facts, writer, events);
            case OperationTypes.VERIFYING_PRIMARY -> verifyPrimary(pair, facts, writer, events);
            case OperationTypes.CLOSING -> close(pair, facts, writer, events);
            default -> throw new IllegalStateException("no migration step '" + operation.getStep() + "'");
        }
    }

    /** An approval gate was passed: on to the step it guarded. */
    void approved(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        boolean fence = OperationTypes.AWAITING_FENCE_APPROVAL.equals(operation.getStep());
        BinaryBoshPair written = next(pair, writer, fence ? OperationTypes.FENCING_MICRO
                : OperationTypes.PAUSING_RESURRECTION, "approved: " + (fence ? "fencing the Micro"
                : "pausing resurrection on the three directors"), null);
        events.normal(written, "MigrationApproved", "migration " + operation.getId() + " approved: "
                + (fence ? "fencing the Micro and adopting Primary" : "stopping the directors and copying"));
    }

    /** Meta's adoption task ended badly: scan again, with a new task id floor. */
    void redoAdoption(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        long above = newestTaskId(client(pair, DirectorRole.META), facts.primary().deployment());
        BinaryBoshPair written = writer.update(pair, status -> {
            recordStep(status, clock.instant());
            OperationStatus op = status.getOperation();
            nextStepOf(op, OperationTypes.SCANNING, "task " + operation.getTaskId() + " ended '"
                    + operation.getTaskState() + "': scanning again");
            op.setAttempt((op.getAttempt() == null ? 1 : op.getAttempt()) + 1);
            op.setTaskIdAbove(above);
        });
        events.warning(written, "AdoptionRetried", "Meta's task " + operation.getTaskId() + " for '"
                + facts.primary().deployment() + "' ended '" + operation.getTaskState() + "': scanning again");
    }

    /** After Meta's recreate task: on to verification. */
    void adoptionTaskDone(BinaryBoshPair pair, StatusWriter writer, String message) {
        next(pair, writer, OperationTypes.VERIFYING_PRIMARY, message, null);
    }

    // --- the steps -------------------------------------------------------------------------------------------

    private void preflight(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        BinaryBoshPairSpec spec = pair.getSpec();
        DirectorClient micro = client(pair, DirectorRole.MICRO);
        DirectorClient primary = client(pair, DirectorRole.PRIMARY);
        String primaryDeployment = spec.getPrimary().getDeployment();
        String metaDeployment = spec.getMeta().getDeployment();

        List<String> sourceDeployments = micro.deployments().stream().map(Deployment::name).sorted().toList();
        List<String> releases = releases(micro);
        List<String> stemcells = stemcells(micro);
        List<String> primaryDeployments = primary.deployments().stream().map(Deployment::name).sorted().toList();
        String microHost = URI.create(spec.getBootstrap().getMicro().getUrl()).getHost();
        List<String> addresses = new ArrayList<>(List.of(microHost));
        if (spec.getBootstrap().getMicro().getSsh() != null) {
            addresses.add(spec.getBootstrap().getMicro().getSsh().getHost());
        }
        List<String> named = new ArrayList<>();
        named.addAll(ManifestAddresses.dnsSettingsNaming(micro.manifest(primaryDeployment), addresses).stream()
                .map(path -> "Primary's manifest " + path).toList());
        named.addAll(ManifestAddresses.dnsSettingsNaming(primary.manifest(metaDeployment), addresses).stream()
                .map(path -> "Meta's manifest " + path).toList());
        if (!named.isEmpty()) {
            refuse(pair, facts, writer, events, "MicroInDnsSettings", String.join(", ", named) + " names the Micro ("
                    + String.join(", ", addresses) + "): once the Micro is retired every DNS lookup from that "
                    + "director would wait for a dead server. Remove it from the manifest and redeploy first");
            return;
        }

        // The Micro is checked through its jumpbox first: that leaves no trace on any director.
        VmCommands commands = commands(pair);
        PostgresState source;
        long microBytes;
        try (Shell shell = shells.micro(pair)) {
            source = PostgresState.parse(expect(shell.run(commands.postgresState(microStore(pair)), COMMAND),
                    "reading the Micro's store"));
            microBytes = bytes(expect(shell.run(commands.usedBytes(microStore(pair)), COMMAND),
                    "measuring the Micro's store"));
        }
        if (source.current().isEmpty()) {
            refuse(pair, facts, writer, events, "SourceHasNoDirectorData", "the Micro's store "
                    + microStore(pair) + " holds no postgres data directory with data: it is not the director "
                    + "holding Primary's deployment, or storePath is wrong. Nothing is copied from it");
            return;
        }
        String directory = source.current().get().name();
        List<String> outside = source.notShutDown().stream().filter(d -> !d.name().equals(directory))
                .map(PostgresState.DataDirectory::toString).toList();
        if (!outside.isEmpty()) {
            refuse(pair, facts, writer, events, "SourcePostgresRunning", "pg_controldata says " + outside + " on the "
                    + "Micro's store, besides the director's own " + directory + ", was not shut down: a postgres runs "
                    + "on it outside monit, or died. A store copied while it writes is not a copy. Stop it first");
            return;
        }
        // Meta is reached through Primary: the ssh setup tasks are the only trace a refusal leaves.
        List<ShellAccessStatus> access = new ArrayList<>();
        try {
            access.add(openAccess(pair, operation, DirectorRole.PRIMARY, micro, primaryDeployment,
                    facts.primary().managerView().flatMap(v -> v.instance())));
            access.add(openAccess(pair, operation, DirectorRole.META, primary, metaDeployment,
                    facts.meta().managerView().flatMap(v -> v.instance())));
        } catch (DirectorException e) {
            // one setup a minute at most (the hold of a blocked migration), never a flood of failing ssh tasks
            block(pair, writer, events, "SshAccessFailed", "ssh access to the directors' VMs could not be set up: "
                    + e.getMessage());
            return;
        }
        BinaryBoshPair current = writer.update(pair, status -> status.getMigration().setShellAccess(access));

        PostgresState target;
        long metaFree;
        try (Shell shell = shell(current, DirectorRole.META)) {
            target = PostgresState.parse(expect(shell.run(commands.postgresState(metaStore(pair)), COMMAND),
                    "reading Meta's store"));
            metaFree = bytes(expect(shell.run(commands.freeBytes(metaStore(pair)), COMMAND),
                    "measuring the free space on Meta's disk"));
        }
        // Meta's own store is moved aside on the same disk, never deleted: the copy needs room next to it
        if (metaFree < microBytes) {
            refuse(current, facts, writer, events, "MetaDiskTooSmall", "the Micro's store takes " + microBytes
                    + " bytes but Meta's disk has " + metaFree + " free: Meta keeps its own store (moved aside) on "
                    + "the same disk, so it needs room for both. Give Meta a bigger persistent disk first");
            return;
        }
        List<String> targetDirectories = target.directories().stream().map(PostgresState.DataDirectory::name).toList();
        if (!PostgresState.startsOn(directory, targetDirectories)) {
            refuse(current, facts, writer, events, "PostgresVersionMismatch", "the Micro's database is in " + directory
                    + " but Meta's store has " + targetDirectories + ": Meta's bosh release runs another postgres "
                    + "major version, which cannot start on the copied data directory (its pre-start upgrades "
                    + "postgres-13 to postgres-15, nothing else)");
            return;
        }
        boolean manual = spec.getApproval() == ApprovalMode.Manual;
        BinaryBoshPair written = writer.update(current, status -> {
            MigrationStatus m = status.getMigration();
            m.setSourceDeployments(sourceDeployments);
            m.setSourceReleases(releases);
            m.setSourceStemcells(stemcells);
            m.setPrimaryDeployments(primaryDeployments);
            m.setPostgresDirectory(directory);
            m.setRefusalReason(null);
            m.setRefusalMessage(null);
            m.setRefusalTime(null);
            m.setRefusalGeneration(null);
            m.setBlockedReason(null);
            m.setBlockedMessage(null);
            m.setBlockedTime(null);
            recordStep(status, clock.instant());
            nextStepOf(status.getOperation(), manual ? OperationTypes.AWAITING_APPROVAL
                    : OperationTypes.PAUSING_RESURRECTION, manual ? "preflight passed: waiting for the annotation "
                    + "binarybosh.io/approve=" + operation.getId() : "preflight passed: pausing resurrection");
        });
        stepDone(operation);
        events.normal(written, "PreflightPassed", "the three directors answer, the Micro holds "
                + sourceDeployments + ", Meta runs " + facts.meta().observation().info().version() + " on "
                + directory + " like the Micro, nothing is locked or running; recorded " + releases.size()
                + " releases and " + stemcells.size() + " stemcells to check Meta against");
        if (manual) {
            events.normal(written, "ApprovalRequired", "migration " + operation.getId() + " will stop the three "
                    + "directors and copy the Micro's store onto Meta; to let it, annotate the pair with "
                    + "binarybosh.io/approve=" + operation.getId());
        }
    }

    private void pauseResurrection(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        for (DirectorRole role : List.of(DirectorRole.MICRO, DirectorRole.PRIMARY, DirectorRole.META)) {
            DirectorClient client = client(pair, role);
            client.setResurrectionPaused(true);
            if (client.resurrectionEnabled()) {
                throw new DirectorException(role.displayName() + " still reports resurrection on after "
                        + "PUT /resurrection");
            }
        }
        BinaryBoshPair written = next(pair, writer, OperationTypes.STOPPING_DIRECTORS,
                "resurrection paused on the three directors: monit stop all on each", null);
        events.normal(written, "ResurrectionPaused", "resurrection paused on the Micro, Primary and Meta, so that "
                + "no health monitor recreates a VM while the directors are stopped");
    }

    private void stopDirectors(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        VmCommands commands = commands(pair);
        List<String> notStopped = new ArrayList<>();
        boolean notCleanlyShutDown = false;
        boolean definitive = false;
        for (DirectorRole role : List.of(DirectorRole.META, DirectorRole.PRIMARY, DirectorRole.MICRO)) {
            try (Shell shell = role == DirectorRole.MICRO ? shells.micro(pair) : shell(pair, role)) {
                expect(shell.run(commands.monitStopAll(), COMMAND), "monit stop all on " + role.displayName());
                String summary = expect(shell.run(commands.monitSummary(), COMMAND), "monit summary on "
                        + role.displayName());
                boolean monitStopped = MonitSummary.allStopped(summary);
                if (!monitStopped) {
                    notStopped.add(role.displayName() + " " + running(summary));
                }
                if (role != DirectorRole.PRIMARY) {
                    String store = role == DirectorRole.MICRO ? microStore(pair) : metaStore(pair);
                    PostgresState state = PostgresState.parse(expect(shell.run(commands.postgresState(store),
                            COMMAND), "reading " + role.displayName() + "'s store"));
                    // Only the Micro's store is copied; Meta's is moved aside whatever its state.
                    if (role == DirectorRole.MICRO) {
                        for (PostgresState.DataDirectory d : state.notShutDown()) {
                            notStopped.add("the Micro's " + d + ": pg_controldata does not say 'shut down'");
                            notCleanlyShutDown = true;
                            // monit stopped all it runs: waiting would not change the cluster state
                            definitive |= monitStopped;
                        }
                    }
                }
            }
        }
        OperationStatus operation = pair.getStatus().getOperation();
        if (!notStopped.isEmpty()) {
            String what = "not stopped yet: " + String.join("; ", notStopped);
            if (definitive || started(operation).plus(QUIESCE_DEADLINE).isBefore(clock.instant())) {
                String reason = notCleanlyShutDown ? "SourceNotCleanlyShutDown" : "DirectorsNotStopped";
                block(pair, writer, events, reason, "after monit stop all, " + what + ". Nothing is copied from or onto a director whose processes run; stop them (monit "
                        + "stop all) and the operator goes on");
            } else {
                message(pair, writer, what);
            }
            return;
        }
        BinaryBoshPair written = next(pair, writer, OperationTypes.MOVING_META_STORE_ASIDE,
                "every process stopped on the three VMs, postgres shut down cleanly: moving Meta's store aside",
                null);
        events.normal(written, "DirectorsStopped", "monit reports every process stopped on the Micro, Primary and "
                + "Meta, and no postgres runs on the Micro's or Meta's store");
    }

    private void moveMetaStoreAside(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        VmCommands commands = commands(pair);
        String aside = VmCommands.ASIDE_PREFIX + "meta-before-migration-" + stamp(operation);
        try (Shell shell = shell(pair, DirectorRole.META)) {
            if (!MonitSummary.allStopped(expect(shell.run(commands.monitSummary(), COMMAND), "monit summary"))) {
                throw new ShellException("Meta's processes run again; the migration stops them first");
            }
            String left = expect(shell.run(commands.moveContentsAside(metaStore(pair), aside), COMMAND),
                    "moving Meta's store aside");
            if (!left.isBlank()) {
                throw new ShellException("after moving Meta's store aside, " + left.trim() + " is still in it");
            }
        }
        String where = metaStore(pair) + "/" + aside;
        BinaryBoshPair written = next(pair, writer, OperationTypes.COPYING_STORE,
                "Meta's store moved to " + where + ": copying the Micro's store", m -> {
                    m.setMetaStoreAside(where);
                    m.setCopyAttempt(1);
                });
        events.normal(written, "MetaStoreMovedAside", "Meta's own store was moved to " + where
                + " (kept until a person removes it)");
    }

    private void copy(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        MigrationStatus migration = pair.getStatus().getMigration();
        int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
        VmCommands commands = commands(pair);
        DerivedSshKey copyKey = key(pair, operation, "copy", "binarybosh-copy-" + operation.getId());
        ShellAccessStatus meta = access(pair, DirectorRole.META);
        var microSsh = pair.getSpec().getBootstrap().getMicro().getSsh();
        String dir = copyDir(operation);
        try (Shell shell = shell(pair, DirectorRole.META)) {
            RsyncProgress progress = RsyncProgress.parse(expect(shell.run(commands.rsyncStateAfterWaiting(dir, attempt,
                    COPY_WAIT_SECONDS), COMMAND), "reading the copy's state"));
            if (progress.notStarted()) {
                // Each attempt starts only on a source proven still stopped; a postgres that starts during the copy
                // changes the store, and the checksums of the verification catch it.
                RsyncServerCommand server = RsyncServerCommand.parse(expect(shell.run(commands.rsyncServerCommandProbe(
                        dir, attempt > 1, microStore(pair) + "/"), COMMAND), "reading the command rsync on Meta sends"));
                try (Shell micro = shells.micro(pair)) {
                    PostgresState source = PostgresState.parse(expect(micro.run(
                            commands.postgresState(microStore(pair)), COMMAND), "reading the Micro's store"));
                    if (!source.notShutDown().isEmpty()) {
                        block(pair, writer, events, "SourcePostgresRunning", "pg_controldata no longer says 'shut "
                                + "down' on the Micro's store (" + source.notShutDown() + "): postgres runs again, and "
                                + "a copy of a live database is not a copy. Stop it (monit stop all on the Micro) and "
                                + "the operator goes on");
                        return;
                    }
                    expect(micro.run(commands.authorize(microSsh.getAuthorizedKeysFile(),
                            VmCommands.copyKeyLine(copyKey.publicKeyLine(), meta.getHost(), server), "binarybosh-copy-"
                                    + operation.getId()), COMMAND), "authorizing the copy key on the Micro");
                    // The source is stopped and stays so: its listing is made while rsync reads it, and checked
                    // against the store's fingerprint when the copy is verified.
                    expect(micro.run(commands.startSourceChecksum(dir, microStore(pair), CHECKSUM_TOOL), COMMAND),
                            "starting the checksum listing of the Micro's store");
                }
                expect(shell.run(commands.writePrivateFile(dir, "key"), copyKey.privateKeyPem(), COMMAND),
                        "writing the copy key on Meta");
                expect(shell.run(commands.writePrivateFile(dir, "known_hosts"), knownHostsLine(microSsh.getHost(),
                        microSsh.getPort(), shells.microTarget(pair).hostKey()) + "\n", COMMAND),
                        "pinning the Micro's host key on Meta");
                String ssh = VmCommands.copySshCommand(dir, microSsh.getPort() == null ? 22 : microSsh.getPort(),
                        meta.getHost());
                expect(shell.run(commands.startRsync(dir, attempt, attempt > 1, ssh, microSsh.getUser() + "@"
                        + microSsh.getHost() + ":" + microStore(pair) + "/", metaStore(pair)), COMMAND),
                        "starting rsync on Meta");
                message(pair, writer, "copy attempt " + attempt + " started: rsync on Meta pulls the Micro's store");
                return;
            }
            if (progress.exitCode() == null && !progress.failed()) {
                BinaryBoshPair written = writer.update(pair, status -> {
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
                if (progress.bytes() != null && migration.getCopiedBytes() != null
                        && progress.bytes() > migration.getCopiedBytes()) {
                    metrics.copied(progress.bytes() - migration.getCopiedBytes());
                }
                return;
            }
            if (progress.succeeded()) {
                long before = migration.getCopiedBytes() == null ? 0 : migration.getCopiedBytes();
                if (progress.bytes() != null && progress.bytes() > before) {
                    metrics.copied(progress.bytes() - before);
                }
                Duration took = Duration.between(started(operation), clock.instant());
                if (progress.bytes() != null && took.toMillis() > 0) {
                    metrics.copyRate(progress.bytes() * 1000.0 / took.toMillis());
                }
                BinaryBoshPair written = next(pair, writer, OperationTypes.VERIFYING_COPY,
                        "copy attempt " + attempt + " finished: comparing checksums of both stores", m -> {
                            if (progress.bytes() != null) {
                                m.setCopiedBytes(progress.bytes());
                            }
                            if (progress.files() != null) {
                                m.setCopiedFiles(progress.files());
                            }
                            m.setCopyRate(progress.rate());
                        });
                events.normal(written, "StoreCopied", "rsync copied the Micro's store onto Meta (attempt " + attempt
                        + (progress.bytes() == null ? "" : ", " + progress.bytes() + " bytes at " + progress.rate())
                        + "): verifying");
                return;
            }
            shell.run(commands.stopRsync(dir, attempt), COMMAND);
            redoCopy(pair, writer, events, attempt, "copy attempt " + attempt + (progress.exitCode() == null
                    ? " was interrupted (rsync is gone without an exit code)" : " ended with rsync exit code "
                    + progress.exitCode()) + (progress.lastLine() == null ? "" : ": " + progress.lastLine()));
        }
    }

    private void verifyCopy(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        MigrationStatus migration = pair.getStatus().getMigration();
        int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
        VmCommands commands = commands(pair);
        // Both stores are read in full, on two VMs at once; the source's listing was made while the copy ran,
        // and is made again here if the store changed since it began. The same sessions then remove the copy key.
        String source;
        String sourceSum;
        String targetSum;
        try (Shell micro = shells.micro(pair); Shell meta = shell(pair, DirectorRole.META)) {
            CompletableFuture<String> sourceSide = CompletableFuture.supplyAsync(() -> {
                SourceChecksum early = SourceChecksum.parse(expect(micro.run(commands.sourceChecksum(copyDir(operation),
                        microStore(pair), (int) CHECKSUM.toSeconds()), CHECKSUM), "reading the Micro's checksum listing"));
                return early.usable().orElseGet(() -> expect(micro.run(commands.checksum(copyDir(operation),
                        microStore(pair), CHECKSUM_TOOL, (int) CHECKSUM.toSeconds()), CHECKSUM),
                        "checksumming the Micro's store"));
            });
            String target = expect(meta.run(commands.checksum(copyDir(operation), metaStore(pair), CHECKSUM_TOOL,
                    (int) CHECKSUM.toSeconds()), CHECKSUM),
                    "checksumming Meta's store");
            source = joined(sourceSide);
            sourceSum = source.lines().findFirst().orElse("").trim();
            targetSum = target.lines().findFirst().orElse("").trim();
            if (sourceSum.isEmpty() || !sourceSum.equals(targetSum)) {
                writer.update(pair, status -> {
                    status.getMigration().setSourceChecksum(sourceSum);
                    status.getMigration().setTargetChecksum(targetSum);
                });
                redoCopy(pair, writer, events, attempt, "the checksums differ after copy attempt " + attempt
                        + " (Micro " + source.replace('\n', ' ').trim() + ", Meta " + target.replace('\n', ' ').trim()
                        + ")");
                return;
            }
            expect(micro.run(commands.revoke(pair.getSpec().getBootstrap().getMicro().getSsh().getAuthorizedKeysFile(),
                    "binarybosh-copy-" + operation.getId()), COMMAND), "removing the copy key from the Micro");
            expect(micro.run(commands.removeCopyFiles(copyDir(operation)), COMMAND),
                    "removing the checksum listing from the Micro");
            expect(meta.run(commands.removeCopyFiles(copyDir(operation)), COMMAND), "removing the copy key from Meta");
        }
        String files = source.lines().skip(1).findFirst().orElse("?").trim();
        BinaryBoshPair written = next(pair, writer, OperationTypes.STARTING_META, "copy verified (" + files
                + " files, listing sha256 " + sourceSum + " of " + CHECKSUM_TOOL.command() + "): starting Meta", m -> {
                    m.setSourceChecksum(sourceSum);
                    m.setTargetChecksum(targetSum);
                    m.setCopyVerified(true);
                });
        events.normal(written, "CopyVerified", "Meta's store equals the Micro's: " + files + " files, listing sha256 "
                + sourceSum + "; the copy key was removed from both VMs");
    }

    private void startMeta(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        MigrationStatus migration = pair.getStatus().getMigration();
        if (!Boolean.TRUE.equals(migration.getCopyVerified())) {
            throw new IllegalStateException("Meta is never started on an unverified copy");
        }
        VmCommands commands = commands(pair);
        try (Shell shell = shell(pair, DirectorRole.META)) {
            expect(shell.run(commands.monitStartAll(), COMMAND), "monit start all on Meta");
        }
        DirectorClient meta = client(pair, DirectorRole.META);
        DirectorInfo info;
        try {
            info = meta.authenticatedInfo();
        } catch (DirectorException e) {
            if (started(operation).plus(START_DEADLINE).isBefore(clock.instant())) {
                block(pair, writer, events, "MetaDidNotStart", "Meta's API has not answered "
                        + START_DEADLINE.toMinutes() + " minutes after monit start all: " + e.getMessage()
                        + ". Look at monit summary and /var/vcap/sys/log on Meta's VM");
            } else {
                message(pair, writer, "monit start all sent to Meta; waiting for its API: " + e.getMessage());
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!migration.getSourceUuid().equals(info.uuid())) {
            problems.add("Meta answers with uuid " + info.uuid() + ", not the Micro's " + migration.getSourceUuid());
        }
        List<String> deployments = meta.deployments().stream().map(Deployment::name).toList();
        missing(migration.getSourceDeployments(), deployments, "deployments", problems);
        missing(migration.getSourceReleases(), releases(meta), "releases", problems);
        missing(migration.getSourceStemcells(), stemcells(meta), "stemcells", problems);
        if (!problems.isEmpty()) {
            block(pair, writer, events, "MetaDoesNotMatchSource", "Meta runs on the copy but " + String.join("; ",
                    problems) + ". The Micro's data is intact (fenced only later); look before going on");
            return;
        }
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        BinaryBoshPair written = next(pair, writer, manual ? OperationTypes.AWAITING_FENCE_APPROVAL
                : OperationTypes.FENCING_MICRO, "Meta runs on the copy and lists " + deployments + ": "
                + (manual ? "waiting for the annotation binarybosh.io/approve=" + operation.getId() + "-fence"
                : "fencing the Micro"), null);
        events.normal(written, "MetaStarted", "Meta runs on the Micro's data: uuid " + info.uuid() + ", deployments "
                + deployments + ", the Micro's releases and stemcells");
        if (manual) {
            events.normal(written, "ApprovalRequired", "migration " + operation.getId() + " will move the Micro's "
                    + "store aside and have Meta recreate Primary's VM; to let it, annotate the pair with "
                    + "binarybosh.io/approve=" + operation.getId() + "-fence");
        }
    }

    private void fenceMicro(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        Optional<String> fenced = new MicroFence(shells).attempt(pair, MicroFence.asideName(stamp(operation)));
        if (fenced.isEmpty()) {
            message(pair, writer, "waiting for the Micro's processes to stop before moving its store aside");
            return;
        }
        String where = fenced.get();
        DirectorClient meta = client(pair, DirectorRole.META);
        long above = newestTaskId(meta, facts.primary().deployment());
        BinaryBoshPair written = writer.update(pair, status -> {
            status.getMigration().setMicroStoreAside(where);
            recordStep(status, clock.instant());
            OperationStatus op = status.getOperation();
            nextStepOf(op, OperationTypes.SCANNING, "the Micro is fenced: Meta scans '" + facts.primary().deployment()
                    + "' to recreate Primary's VM");
            op.setDirector(DirectorRole.META.fieldName());
            op.setTarget(DirectorRole.PRIMARY.fieldName());
            op.setTaskIdAbove(above);
            op.setAttempt(1);
            op.setPreviousVmCid(status.getMigration().getPrimaryVmCid());
            op.setPreviousAgentId(status.getMigration().getPrimaryAgentId());
            op.setPreviousDeployments(status.getMigration().getPrimaryDeployments());
        });
        stepDone(operation);
        events.normal(written, "MicroFenced", "the Micro's processes are stopped and its store was moved to " + where
                + " (nothing deleted): restarted, it finds an empty director and can never act on the pair");
    }

    private void verifyPrimary(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        MigrationStatus migration = pair.getStatus().getMigration();
        String deployment = facts.primary().deployment();
        DirectorClient meta = client(pair, DirectorRole.META);
        List<String> notYet = new ArrayList<>();
        Optional<Instance> instance = meta.instances(deployment).stream().findFirst();
        if (instance.isEmpty() || instance.get().cid() == null) {
            notYet.add("Meta shows no VM for '" + deployment + "'");
        } else {
            if (instance.get().cid().equals(migration.getPrimaryVmCid())) {
                notYet.add("Primary still runs on VM " + instance.get().cid());
            }
            if (instance.get().agentId() != null && instance.get().agentId().equals(migration.getPrimaryAgentId())) {
                notYet.add("Primary's agent id is still " + instance.get().agentId());
            }
        }
        if (notYet.isEmpty()) {
            List<VmDetails> details = meta.instanceDetails(deployment, ContextId.of(operation.getId()), COMMAND);
            String state = details.stream().findFirst().map(VmDetails::jobState).orElse(null);
            if (!"running".equals(state)) {
                notYet.add("Primary's agent reports '" + state + "' to Meta");
            }
        }
        if (notYet.isEmpty()) {
            DirectorClient primary = client(pair, DirectorRole.PRIMARY);
            try {
                primary.authenticatedInfo();
                List<String> now = primary.deployments().stream().map(Deployment::name).toList();
                missing(migration.getPrimaryDeployments(), now, "deployments", notYet);
            } catch (DirectorException e) {
                notYet.add("Primary's API does not answer yet: " + e.getMessage());
            }
        }
        if (!notYet.isEmpty()) {
            if (started(operation).plus(ADOPT_DEADLINE).isBefore(clock.instant())) {
                block(pair, writer, events, "PrimaryNotAdopted", ADOPT_DEADLINE.toMinutes() + " minutes after Meta "
                        + "recreated Primary's VM, " + String.join("; ", notYet));
            } else {
                message(pair, writer, "verifying Primary on its new VM: " + String.join("; ", notYet));
            }
            return;
        }
        BinaryBoshPair written = next(pair, writer, OperationTypes.CLOSING, "Primary runs on a new VM whose agent "
                + "reports to Meta: unpausing resurrection", null);
        events.normal(written, "PrimaryAdopted", "Meta recreated Primary's VM (" + migration.getPrimaryVmCid()
                + " -> " + instance.get().cid() + "); its agent reports running to Meta, Primary answers and still "
                + "holds " + migration.getPrimaryDeployments());
    }

    private void close(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        for (DirectorRole role : List.of(DirectorRole.META, DirectorRole.PRIMARY)) {
            DirectorClient client = client(pair, role);
            client.setResurrectionPaused(false);
            if (!client.resurrectionEnabled()) {
                throw new DirectorException(role.displayName() + " still reports resurrection paused after "
                        + "PUT /resurrection");
            }
        }
        // Meta's VM keeps the migration's ssh user until Primary, which manages it, removes it.
        ShellAccessStatus meta = access(pair, DirectorRole.META);
        Optional<Instance> metaInstance = facts.meta().managerView().flatMap(v -> v.instance());
        if (meta != null && metaInstance.isPresent()) {
            client(pair, DirectorRole.PRIMARY).sshCleanup(facts.meta().deployment(),
                    io.binarybosh.operator.director.model.SshTarget.instance(metaInstance.get().job(),
                            metaInstance.get().id()), ephemeralUser(operation), ContextId.of(operation.getId()));
        }
        BinaryBoshPair written = writer.update(pair, status -> {
            recordStep(status, clock.instant());
            MigrationStatus m = status.getMigration();
            m.setCompletedTime(Timestamps.format(clock.instant()));
            m.setShellAccess(null);
            m.setBlockedReason(null);
            m.setBlockedMessage(null);
            m.setBlockedTime(null);
        });
        stepDone(operation);
        finisher.finish(written, OperationTypes.SUCCEEDED, "Meta took over from the Micro: Meta manages Primary, "
                + "Primary manages Meta, resurrection is on in both; the Micro's store is at "
                + pair.getStatus().getMigration().getMicroStoreAside(), writer, events);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void redoCopy(BinaryBoshPair pair, StatusWriter writer, EventSink events, int attempt, String why) {
        if (attempt >= COPY_ATTEMPTS) {
            block(pair, writer, events, "CopyFailed", why + "; " + attempt + " attempts failed. Meta's director stays "
                    + "stopped; look at the rsync logs in " + copyDir(pair.getStatus().getOperation())
                    + " on Meta's VM");
            return;
        }
        BinaryBoshPair written = writer.update(pair, status -> {
            MigrationStatus m = status.getMigration();
            m.setCopyAttempt(attempt + 1);
            m.setCopiedBytes(null);
            m.setCopiedFiles(null);
            m.setCopyRate(null);
            m.setCopyVerified(null);
            OperationStatus op = status.getOperation();
            op.setStep(OperationTypes.COPYING_STORE);
            op.setMessage(why + ": copying again (attempt " + (attempt + 1) + ")");
        });
        events.warning(written, "CopyRedone", why + ": the copy is redone (attempt " + (attempt + 1) + "); Meta's "
                + "director stays stopped until a copy verifies");
    }

    private ShellAccessStatus openAccess(BinaryBoshPair pair, OperationStatus operation, DirectorRole role,
                                         DirectorClient manager, String deployment, Optional<Instance> instance) {
        if (instance.isEmpty() || instance.get().id() == null) {
            throw new DirectorException("the director managing " + role.displayName() + " shows no instance of '"
                    + deployment + "' to open ssh access to");
        }
        DerivedSshKey key = key(pair, operation, role.fieldName(), ephemeralUser(operation));
        var target = io.binarybosh.operator.director.model.SshTarget.instance(instance.get().job(), instance.get().id());
        // The agent's useradd fails for a user that exists (bosh-agent platform/linux_platform.go CreateUser): a
        // setup of this operation that succeeded before a restart or a failed step left one. Cleanup of a user that
        // does not exist does nothing, so it always goes first.
        long cleanup = manager.sshCleanup(deployment, target, ephemeralUser(operation), ContextId.of(operation.getId()));
        manager.waitForTask(cleanup, SSH_SETUP);
        List<SshHostResult> results = manager.sshSetup(deployment, target, ephemeralUser(operation),
                key.publicKeyLine(), ContextId.of(operation.getId()), SSH_SETUP);
        SshHostResult result = results.stream().filter(SshHostResult::isSuccess).findFirst().orElseThrow(() ->
                new DirectorException("ssh setup on '" + deployment + "' did not succeed: " + results));
        if (result.gatewayHost() != null && !result.gatewayHost().isBlank()) {
            throw new DirectorException("the director managing " + role.displayName() + " hands out ssh access "
                    + "through the gateway " + result.gatewayUser() + "@" + result.gatewayHost()
                    + " (director.default_ssh_options); the operator does not connect through a gateway: it needs "
                    + "to reach " + result.ip() + " directly");
        }
        VmAccessSpec vm = vmAccess(pair);
        ShellAccessStatus access = new ShellAccessStatus();
        access.setRole(role.fieldName());
        access.setHost(result.ip());
        access.setPort(vm.getSshPort() == null ? 22 : vm.getSshPort());
        access.setUser(vm.getLoginUser() != null ? vm.getLoginUser() : ephemeralUser(operation));
        access.setHostKey(result.hostPublicKey());
        return access;
    }

    private Shell shell(BinaryBoshPair pair, DirectorRole role) {
        ShellAccessStatus access = access(pair, role);
        if (access == null) {
            throw new ShellException("no ssh access to " + role.displayName() + "'s VM is recorded");
        }
        OperationStatus operation = pair.getStatus().getOperation();
        DerivedSshKey key = key(pair, operation, role.fieldName(), ephemeralUser(operation));
        return shells.open(new SshTarget(access.getHost(), access.getPort(), access.getUser(), key.privateKeyPem(),
                access.getHostKey()));
    }

    private static ShellAccessStatus access(BinaryBoshPair pair, DirectorRole role) {
        List<ShellAccessStatus> all = pair.getStatus().getMigration().getShellAccess();
        return all == null ? null : all.stream().filter(a -> role.fieldName().equals(a.getRole())).findFirst()
                .orElse(null);
    }

    private DerivedSshKey key(BinaryBoshPair pair, OperationStatus operation, String purpose, String comment) {
        return DerivedSshKey.derive(shells.microTarget(pair).privateKey(), operation.getId() + "/" + purpose, comment);
    }

    /** The bosh ssh user of this migration: a director accepts such names, and cleanup matches it exactly. */
    static String ephemeralUser(OperationStatus operation) {
        String id = operation.getId();
        return "bosh_bbo" + id.substring(Math.max(0, id.length() - 8)).replace("-", "");
    }

    private static long bytes(String output) {
        try {
            return Long.parseLong(output.trim());
        } catch (NumberFormatException e) {
            throw new ShellException("expected a number of bytes, got '" + output.trim() + "'");
        }
    }

    private static String copyDir(OperationStatus operation) {
        return WorkDir.of(operation.getId());
    }

    static String knownHostsLine(String host, Integer port, String hostKey) {
        String key = io.binarybosh.operator.shell.HostKeyLine.parse(hostKey).typeAndKey();
        String name = port == null || port == 22 ? host : "[" + host + "]:" + port;
        return name + " " + key;
    }

    private BinaryBoshPair next(BinaryBoshPair pair, StatusWriter writer, String step, String message,
                                Consumer<MigrationStatus> change) {
        OperationStatus before = pair.getStatus().getOperation();
        BinaryBoshPair written = writer.update(pair, status -> {
            recordStep(status, clock.instant());
            nextStepOf(status.getOperation(), step, message);
            MigrationStatus m = status.getMigration();
            m.setBlockedReason(null);
            m.setBlockedMessage(null);
            m.setBlockedTime(null);
            if (change != null) {
                change.accept(m);
            }
        });
        stepDone(before);
        return written;
    }

    /** Appends the step in flight, ending now, to the migration's record of the run. */
    static void recordStep(BinaryBoshPairStatus status, Instant now) {
        OperationStatus operation = status.getOperation();
        MigrationStatus migration = status.getMigration();
        if (operation == null || migration == null) {
            return;
        }
        MigrationStepRecord record = new MigrationStepRecord();
        record.setStep(operation.getStep());
        record.setStartedTime(operation.getStepStartedTime());
        record.setFinishedTime(Timestamps.format(now));
        List<MigrationStepRecord> steps = new ArrayList<>(
                migration.getSteps() == null ? List.of() : migration.getSteps());
        steps.add(record);
        migration.setSteps(steps);
    }

    private void stepDone(OperationStatus operation) {
        metrics.migrationStep(operation.getStep(), Duration.between(started(operation), clock.instant()));
    }

    private void nextStepOf(OperationStatus operation, String step, String message) {
        operation.setStep(step);
        operation.setStepStartedTime(Timestamps.format(clock.instant()));
        operation.setTaskId(null);
        operation.setTaskState(null);
        operation.setMessage(message);
    }

    private void message(BinaryBoshPair pair, StatusWriter writer, String message) {
        writer.update(pair, status -> status.getOperation().setMessage(message));
    }

    /** Something a person must fix: said in a condition (through the decision) and an event; retried later. */
    private void block(BinaryBoshPair pair, StatusWriter writer, EventSink events, String reason, String message) {
        MigrationStatus before = pair.getStatus().getMigration();
        BinaryBoshPair written = writer.update(pair, status -> {
            MigrationStatus m = status.getMigration();
            m.setBlockedReason(reason);
            m.setBlockedMessage(message);
            m.setBlockedTime(Timestamps.format(clock.instant()));
            status.getOperation().setMessage(message);
        });
        if (!reason.equals(before.getBlockedReason())) {
            events.warning(written, reason, message);
        }
    }

    /** Preflight found a reason not to start: recorded, the temporary access removed, the operation closed. */
    private void refuse(BinaryBoshPair pair, PairFacts facts, StatusWriter writer, EventSink events, String reason,
                        String message) {
        OperationStatus operation = pair.getStatus().getOperation();
        List<ShellAccessStatus> opened = pair.getStatus().getMigration().getShellAccess();
        if (opened != null) {
            for (ShellAccessStatus access : opened) {
                DirectorRole role = "meta".equals(access.getRole()) ? DirectorRole.META : DirectorRole.PRIMARY;
                DirectorRole manager = role == DirectorRole.META ? DirectorRole.PRIMARY : DirectorRole.MICRO;
                DirectorFacts director = facts.of(role);
                String group = director.managerView().flatMap(v -> v.instance()).map(Instance::job).orElse("bosh");
                client(pair, manager).sshCleanup(director.deployment(),
                        new io.binarybosh.operator.director.model.SshTarget(group, List.of()), ephemeralUser(operation),
                        ContextId.of(operation.getId()));
            }
        }
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();
        BinaryBoshPair written = writer.update(pair, status -> {
            MigrationStatus m = status.getMigration();
            m.setShellAccess(null);
            m.setRefusalReason(reason);
            m.setRefusalMessage(message);
            m.setRefusalTime(Timestamps.format(clock.instant()));
            m.setRefusalGeneration(generation);
        });
        events.warning(written, reason, "migration refused: " + message);
        finisher.finish(written, OperationTypes.REFUSED, reason + ": " + message, writer, events);
    }

    private static void missing(List<String> expected, List<String> actual, String what, List<String> problems) {
        if (expected == null) {
            return;
        }
        List<String> gone = expected.stream().filter(e -> !actual.contains(e)).toList();
        if (!gone.isEmpty()) {
            problems.add(what + " " + gone + " are missing");
        }
    }

    private static List<String> releases(DirectorClient client) {
        List<String> out = new ArrayList<>();
        for (Release release : client.releases()) {
            for (Release.Version version : release.releaseVersions()) {
                out.add(release.name() + "/" + version.version());
            }
        }
        return out.stream().sorted().toList();
    }

    private static List<String> stemcells(DirectorClient client) {
        return client.stemcells().stream().map(s -> s.name() + "/" + s.version()).sorted().toList();
    }

    /** The newest task id of the deployment (0 if none): a task started after this has a higher id. */
    private static long newestTaskId(DirectorClient client, String deployment) {
        return TaskFloor.of(client, deployment);
    }

    private static String running(String summary) {
        return MonitSummary.processes(summary).entrySet().stream()
                .filter(e -> !e.getValue().toLowerCase(java.util.Locale.ROOT).startsWith("not monitored")
                        || e.getValue().toLowerCase(java.util.Locale.ROOT).contains("pending"))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList().toString();
    }

    private static String joined(CompletableFuture<String> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String expect(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new ShellException(what + " exited " + result.exitCode() + ": " + result.stderr().trim());
        }
        return result.stdout();
    }

    private static Instant started(OperationStatus operation) {
        return Instant.parse(operation.getStepStartedTime());
    }

    private static String stamp(OperationStatus operation) {
        return STAMP.format(Instant.parse(operation.getStartedTime()));
    }

    private static VmAccessSpec vmAccess(BinaryBoshPair pair) {
        VmAccessSpec vm = pair.getSpec().getBootstrap().getVmAccess();
        return vm == null ? new VmAccessSpec() : vm;
    }

    private static VmCommands commands(BinaryBoshPair pair) {
        return new VmCommands(!Boolean.FALSE.equals(vmAccess(pair).getSudo()));
    }

    private static String microStore(BinaryBoshPair pair) {
        return pair.getSpec().getBootstrap().getMicro().getStorePath();
    }

    private static String metaStore(BinaryBoshPair pair) {
        return pair.getSpec().getMeta().getStorePath();
    }

    private DirectorClient client(BinaryBoshPair pair, DirectorRole role) {
        return directors.client(pair, role).orElseThrow(() -> new DirectorException(
                role.displayName() + "'s client cannot be built from the spec and its Secrets"));
    }
}
