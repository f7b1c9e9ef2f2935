package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Primary on a new VM whose agent reports running to Meta, answering and holding the deployments it had. */
final class VerifyPrimary implements StepHandler {

    static final Duration ADOPT_DEADLINE = Duration.ofMinutes(15);

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        OperationStatus operation = context.operation();
        MigrationStatus migration = context.migration();
        String deployment = context.facts().primary().deployment();
        DirectorClient meta = context.client(DirectorRole.META);
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
            List<VmDetails> details = meta.instanceDetails(deployment, ContextId.of(operation.getId()),
                    MigrationVms.COMMAND);
            String state = details.stream().findFirst().map(VmDetails::jobState).orElse(null);
            if (!"running".equals(state)) {
                notYet.add("Primary's agent reports '" + state + "' to Meta");
            }
        }
        if (notYet.isEmpty()) {
            try {
                DirectorClient primary = context.client(DirectorRole.PRIMARY);
                primary.authenticatedInfo();
                DirectorInventory.missing(migration.getPrimaryDeployments(), DirectorInventory.deployments(primary),
                        "deployments", notYet);
            } catch (DirectorException e) {
                notYet.add("Primary's API does not answer yet: " + e.getMessage());
            }
        }
        if (!notYet.isEmpty()) {
            if (MigrationVms.stepStarted(operation).plus(ADOPT_DEADLINE).isBefore(context.now())) {
                Journal.block(context, Reason.PRIMARY_NOT_ADOPTED, ADOPT_DEADLINE.toMinutes() + " minutes after Meta "
                        + "recreated Primary's VM, " + String.join("; ", notYet) + ". Fix it, then "
                        + "binarybosh.io/approve=" + Retry.value(operation, migration) + " waits again");
            } else {
                Journal.message(context, "verifying Primary on its new VM: " + String.join("; ", notYet));
            }
            return;
        }
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.UNPAUSING_RESURRECTION, "Primary "
                + "runs on a new VM whose agent reports to Meta: unpausing resurrection", null);
        context.events().normal(written, Reason.PRIMARY_ADOPTED, "Meta recreated Primary's VM (" + migration
                .getPrimaryVmCid() + " -> " + instance.get().cid() + "); its agent reports running to Meta, Primary "
                + "answers and still holds " + migration.getPrimaryDeployments());
    }
}
