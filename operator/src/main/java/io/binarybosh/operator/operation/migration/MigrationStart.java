package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;

/** Writes a new migration with what the observation recorded of the three directors, then runs preflight. */
final class MigrationStart {

    private MigrationStart() {
    }

    static void start(OperationContext context) {
        PairFacts facts = context.facts();
        OperationStatus operation = Journal.newOperation(OperationType.MIGRATION, DirectorRole.META,
                DirectorRole.META, OperationStep.PREFLIGHT, "preflight: checking the three directors before anything "
                        + "changes", context.now());
        MigrationStatus migration = new MigrationStatus();
        migration.setSourceUrl(facts.micro().url());
        migration.setSourceUuid(facts.micro().info().uuid());
        migration.setSourceVersion(facts.micro().info().version());
        migration.setTargetUrl(facts.meta().observation().url());
        migration.setTargetVersion(facts.meta().observation().info().version());
        migration.setTargetVmCid(facts.meta().managerView().flatMap(v -> v.instance()).map(Instance::cid)
                .orElse(null));
        facts.primary().managerView().flatMap(v -> v.instance()).ifPresent(i -> {
            migration.setPrimaryVmCid(i.cid());
            migration.setPrimaryAgentId(i.agentId());
        });
        BinaryBoshPair written = context.update(status -> {
            status.setOperation(operation);
            status.setMigration(migration);
        });
        context.events().normal(written, Reason.MIGRATION_STARTED,
                "migration " + operation.getId() + " from the Micro at "
                + migration.getSourceUrl() + " to Meta at " + migration.getTargetUrl() + ": preflight");
        new Preflight().handle(context, Step.OperationAction.MIGRATE);
    }
}
