package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.binarybosh.operator.observe.ManifestAddresses;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.MicroIdentity;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.VmCommands;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.bytes;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * Preflight, on the VMs (the decision already checked what the directors' APIs tell): no DNS setting names the
 * Micro, the Micro's store holds the director's database and nothing else runs on it, ssh access to Primary and
 * Meta works, Meta's postgres can start on the Micro's data directory and its disk has room for both stores.
 */
final class Preflight implements StepHandler {

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        OperationStatus operation = context.operation();
        BinaryBoshPairSpec spec = pair.getSpec();
        DirectorClient micro = context.client(DirectorRole.MICRO);
        DirectorClient primary = context.client(DirectorRole.PRIMARY);
        String primaryDeployment = spec.getPrimary().getDeployment();
        String metaDeployment = spec.getMeta().getDeployment();

        List<String> sourceDeployments = DirectorInventory.deployments(micro);
        List<String> releases = DirectorInventory.releases(micro);
        List<String> stemcells = DirectorInventory.stemcells(micro);
        List<String> primaryDeployments = DirectorInventory.deployments(primary);
        List<String> addresses = new ArrayList<>(List.of(URI.create(spec.getBootstrap().getMicro().getUrl())
                .getHost()));
        if (spec.getBootstrap().getMicro().getSsh() != null) {
            addresses.add(spec.getBootstrap().getMicro().getSsh().getHost());
        }
        List<String> named = new ArrayList<>();
        named.addAll(ManifestAddresses.dnsSettingsNaming(micro.manifest(primaryDeployment), addresses).stream()
                .map(path -> "Primary's manifest " + path).toList());
        named.addAll(ManifestAddresses.dnsSettingsNaming(primary.manifest(metaDeployment), addresses).stream()
                .map(path -> "Meta's manifest " + path).toList());
        if (!named.isEmpty()) {
            MigrationRefusal.refuse(context, Reason.MICRO_IN_DNS_SETTINGS,
                    String.join(", ", named) + " names the Micro ("
                    + String.join(", ", addresses) + "): once the Micro is retired every DNS lookup from that "
                    + "director would wait for a dead server. Remove it from the manifest and redeploy first");
            return;
        }

        // The Micro is checked through its jumpbox first: that leaves no trace on any director.
        VmCommands commands = MigrationVms.commands(pair);
        String microStore = MigrationVms.microStore(pair);
        PostgresState source;
        long microBytes;
        try (Shell shell = MigrationVms.micro(context)) {
            // Nothing is stopped on a VM that is not proven to run the director the operator talks to over HTTPS.
            String infoName = context.facts().micro().info().name();
            Optional<String> notTheMicro = MicroIdentity.mismatch(expect(shell.run(commands.microIdentity(), COMMAND),
                    "reading the director's config on the Micro's VM"), infoName, null);
            if (notTheMicro.isPresent()) {
                MigrationRefusal.refuse(context, Reason.MICRO_IDENTITY_MISMATCH,
                        notTheMicro.get() + ": the ssh login of "
                        + "spec.bootstrap.micro.ssh does not reach the director at " + spec.getBootstrap().getMicro()
                        .getUrl() + " (/info name '" + infoName + "'). Nothing is stopped or copied; fix the ssh "
                        + "host or the URL");
                return;
            }
            source = PostgresState.parse(expect(shell.run(commands.postgresState(microStore), COMMAND),
                    "reading the Micro's store"));
            microBytes = bytes(expect(shell.run(commands.usedBytes(microStore), COMMAND),
                    "measuring the Micro's store"));
        }
        if (source.current().isEmpty()) {
            MigrationRefusal.refuse(context, Reason.SOURCE_HAS_NO_DIRECTOR_DATA, "the Micro's store " + microStore
                    + " holds no postgres data directory with data: it is not the director holding Primary's "
                    + "deployment, or storePath is wrong. Nothing is copied from it");
            return;
        }
        String directory = source.current().get().name();
        List<String> outside = source.notShutDown().stream().filter(d -> !d.name().equals(directory))
                .map(PostgresState.DataDirectory::toString).toList();
        if (!outside.isEmpty()) {
            MigrationRefusal.refuse(context, Reason.SOURCE_POSTGRES_RUNNING,
                    "pg_controldata says " + outside + " on the "
                    + "Micro's store, besides the director's own " + directory + ", was not shut down: a postgres "
                    + "runs on it outside monit, or died. A store copied while it writes is not a copy. Stop it first");
            return;
        }
        // Meta is reached through Primary: the ssh setup tasks are the only trace a refusal leaves.
        List<ShellAccessStatus> access = new ArrayList<>();
        try {
            access.add(MigrationVms.openAccess(context, DirectorRole.PRIMARY, micro, primaryDeployment,
                    context.facts().primary().managerView().flatMap(v -> v.instance())));
            access.add(MigrationVms.openAccess(context, DirectorRole.META, primary, metaDeployment,
                    context.facts().meta().managerView().flatMap(v -> v.instance())));
        } catch (DirectorException e) {
            // held, then tried again with a growing delay: never a flood of failing ssh setup tasks
            Journal.block(context, Reason.SSH_ACCESS_FAILED, "ssh access to the directors' VMs could not be set up: "
                    + e.getMessage());
            return;
        }
        context.update(status -> status.getMigration().setShellAccess(access));

        PostgresState target;
        long metaFree;
        String metaStore = MigrationVms.metaStore(pair);
        try (Shell shell = MigrationVms.shell(context, DirectorRole.META)) {
            target = PostgresState.parse(expect(shell.run(commands.postgresState(metaStore), COMMAND),
                    "reading Meta's store"));
            metaFree = bytes(expect(shell.run(commands.freeBytes(metaStore), COMMAND),
                    "measuring the free space on Meta's disk"));
        }
        // Meta's own store is moved aside on the same disk, never deleted: the copy needs room next to it
        if (metaFree < microBytes) {
            MigrationRefusal.refuse(context, Reason.META_DISK_TOO_SMALL, "the Micro's store takes " + microBytes
                    + " bytes but Meta's disk has " + metaFree + " free: Meta keeps its own store (moved aside) on "
                    + "the same disk, so it needs room for both. Give Meta a bigger persistent disk first");
            return;
        }
        List<String> targetDirectories = target.directories().stream().map(PostgresState.DataDirectory::name).toList();
        if (!PostgresState.startsOn(directory, targetDirectories)) {
            MigrationRefusal.refuse(context, Reason.POSTGRES_VERSION_MISMATCH, "the Micro's database is in " + directory
                    + " but Meta's store has " + targetDirectories + ": Meta's bosh release runs another postgres "
                    + "major version, which cannot start on the copied data directory (its pre-start upgrades "
                    + "postgres-13 to postgres-15, nothing else)");
            return;
        }
        boolean manual = spec.getApproval() == ApprovalMode.Manual;
        BinaryBoshPair written = Journal.nextMigrationStep(context, manual ? OperationStep.AWAITING_APPROVAL
                : OperationStep.PAUSING_RESURRECTION, manual ? "preflight passed: waiting for the annotation "
                + "binarybosh.io/approve=" + operation.getId() : "preflight passed: pausing resurrection", m -> {
                    m.setSourceDeployments(sourceDeployments);
                    m.setSourceReleases(releases);
                    m.setSourceStemcells(stemcells);
                    m.setPrimaryDeployments(primaryDeployments);
                    m.setPostgresDirectory(directory);
                    clearRefusal(m);
                });
        context.events().normal(written, Reason.PREFLIGHT_PASSED, "the three directors answer, the Micro holds "
                + sourceDeployments + ", Meta runs " + context.facts().meta().observation().info().version() + " on "
                + directory + " like the Micro, nothing is locked or running; recorded " + releases.size()
                + " releases and " + stemcells.size() + " stemcells to check Meta against");
        if (manual) {
            context.events().normal(written, Reason.APPROVAL_REQUIRED,
                    "migration " + operation.getId() + " will stop the "
                    + "three directors and copy the Micro's store onto Meta; to let it, annotate the pair with "
                    + "binarybosh.io/approve=" + operation.getId());
        }
    }

    private static void clearRefusal(MigrationStatus m) {
        m.setRefusalReason(null);
        m.setRefusalMessage(null);
        m.setRefusalTime(null);
        m.setRefusalGeneration(null);
    }
}
