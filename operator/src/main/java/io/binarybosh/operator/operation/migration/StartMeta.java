package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.model.ApprovalMode;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * Meta started on the verified copy: proven still stopped first (a director that started on its own since the
 * verification may have written to the store), the intent written, {@code monit start all}, then Meta must answer
 * with the Micro's uuid, deployments, releases and stemcells.
 */
final class StartMeta implements StepHandler {

    static final Duration START_DEADLINE = Duration.ofMinutes(10);

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        OperationStatus operation = context.operation();
        MigrationStatus migration = context.migration();
        if (!Boolean.TRUE.equals(migration.getCopyVerified())) {
            throw new IllegalStateException("Meta is never started on an unverified copy");
        }
        try (Shell shell = MigrationVms.shell(context, DirectorRole.META)) {
            if (!Boolean.TRUE.equals(migration.getMetaStartSent())) {
                Optional<String> metaRuns = MetaStopped.check(shell, pair);
                if (metaRuns.isPresent()) {
                    int attempt = migration.getCopyAttempt() == null ? 1 : migration.getCopyAttempt();
                    CopyRedo.redo(context, attempt, metaRuns.get() + " after the copy was verified, before the "
                            + "operator started it");
                    return;
                }
                context.update(status -> status.getMigration().setMetaStartSent(true));
            }
            expect(shell.run(MigrationVms.commands(pair).startJobs(), COMMAND), "monit start all on Meta");
        }
        DirectorClient meta = context.client(DirectorRole.META);
        DirectorInfo info;
        try {
            info = meta.authenticatedInfo();
        } catch (DirectorException e) {
            if (MigrationVms.stepStarted(operation).plus(START_DEADLINE).isBefore(context.now())) {
                Journal.block(context, Reason.META_DID_NOT_START,
                        "Meta's API has not answered " + START_DEADLINE.toMinutes()
                        + " minutes after monit start all: " + e.getMessage() + ". Look at monit summary and "
                        + "/var/vcap/sys/log on Meta's VM; binarybosh.io/approve=" + Retry.value(operation, migration)
                        + " waits again, binarybosh.io/abort=" + operation.getId() + " goes back");
            } else {
                Journal.message(context, "monit start all sent to Meta; waiting for its API: " + e.getMessage());
            }
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!migration.getSourceUuid().equals(info.uuid())) {
            problems.add("Meta answers with uuid " + info.uuid() + ", not the Micro's " + migration.getSourceUuid());
        }
        List<String> deployments = DirectorInventory.deployments(meta);
        DirectorInventory.missing(migration.getSourceDeployments(), deployments, "deployments", problems);
        DirectorInventory.missing(migration.getSourceReleases(), DirectorInventory.releases(meta), "releases",
                problems);
        DirectorInventory.missing(migration.getSourceStemcells(), DirectorInventory.stemcells(meta), "stemcells",
                problems);
        if (!problems.isEmpty()) {
            Journal.block(context, Reason.META_DOES_NOT_MATCH_SOURCE, "Meta runs on the copy but " + String.join("; ",
                    problems) + ". The Micro's data is intact (fenced only later); look before going on, then "
                    + "binarybosh.io/approve=" + Retry.value(operation, migration) + " checks again, or "
                    + "binarybosh.io/abort=" + operation.getId() + " goes back");
            return;
        }
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        BinaryBoshPair written = Journal.nextMigrationStep(context, manual ? OperationStep.AWAITING_FENCE_APPROVAL
                : OperationStep.FENCING_MICRO, "Meta runs on the copy and lists " + deployments + ": "
                + (manual ? "waiting for the annotation binarybosh.io/approve=" + operation.getId() + "-fence"
                : "fencing the Micro"), null);
        context.events().normal(written, Reason.META_STARTED, "Meta runs on the Micro's data: uuid " + info.uuid()
                + ", deployments " + deployments + ", the Micro's releases and stemcells");
        if (manual) {
            context.events().normal(written, Reason.APPROVAL_REQUIRED,
                    "migration " + operation.getId() + " will move the "
                    + "Micro's store aside and have Meta recreate Primary's VM; to let it, annotate the pair with "
                    + "binarybosh.io/approve=" + operation.getId() + "-fence");
        }
    }
}
