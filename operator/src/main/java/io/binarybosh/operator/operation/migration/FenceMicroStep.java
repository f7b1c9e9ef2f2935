package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.operation.fence.MicroFence;

import java.util.Optional;

/**
 * The Micro fenced (the one fence of {@link MicroFence}), then Meta is asked to scan Primary's deployment: the
 * operation now acts through Meta on Primary, with a task id floor taken before the scan.
 */
final class FenceMicroStep implements StepHandler {

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        OperationStatus operation = context.operation();
        Optional<String> fenced = new MicroFence(context.shells()).attempt(context.pair(),
                MicroFence.asideName(MigrationVms.stamp(operation)));
        if (fenced.isEmpty()) {
            if (!StepDeadline.stop(context, "monit on the Micro still reports processes not stopped")) {
                Journal.message(context, "waiting for the Micro's processes to stop before moving its store aside");
            }
            return;
        }
        String where = fenced.get();
        String deployment = context.facts().primary().deployment();
        long above = TaskFloor.of(context.client(DirectorRole.META), deployment);
        BinaryBoshPair written = Journal.next(context, OperationStep.SCANNING, "the Micro is fenced: Meta scans '"
                + deployment + "' to recreate Primary's VM", status -> {
                    status.getMigration().setMicroStoreAside(where);
                    OperationStatus op = status.getOperation();
                    op.setDirector(DirectorRole.META.fieldName());
                    op.setTarget(DirectorRole.PRIMARY.fieldName());
                    op.setTaskIdAbove(above);
                    op.setAttempt(1);
                    op.setPreviousVmCid(status.getMigration().getPrimaryVmCid());
                    op.setPreviousAgentId(status.getMigration().getPrimaryAgentId());
                    op.setPreviousDeployments(status.getMigration().getPrimaryDeployments());
                });
        context.events().normal(written, Reason.MICRO_FENCED,
                "the Micro's processes are stopped and its store was moved "
                + "to " + where + " (nothing deleted): restarted, it finds an empty director and can never act on "
                + "the pair");
    }
}
