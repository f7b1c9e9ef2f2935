package io.binarybosh.operator.operation.health;

import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.operation.DirectorTaskStep;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A down director's VM recreated by its peer: (approval,) a scan, the recreate resolutions, then the decision
 * verifies the director answers on a new VM with the deployments it had.
 */
public final class RepairOperation {

    private RepairOperation() {
    }

    public static Machine machine() {
        return new Machine(OperationType.REPAIR, Map.of(
                OperationStep.AWAITING_APPROVAL, (context, action) -> approved(context),
                OperationStep.SCANNING, new DirectorTaskStep(DirectorTaskStep.Kind.SCAN, OperationStep.RESOLVING,
                        OperationStep.RESOLVING),
                OperationStep.RESOLVING, new DirectorTaskStep(DirectorTaskStep.Kind.RESOLVE, OperationStep.VERIFYING,
                        OperationStep.VERIFYING)));
    }

    /** Writes the repair (with the task id floor and the attempt counted, unless it awaits approval). */
    public static void start(OperationContext context, Step.StartRepair start) {
        BinaryBoshPair pair = context.pair();
        DirectorFacts target = context.facts().of(start.target());
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        Optional<Instance> instance = target.managerView().flatMap(v -> v.instance());
        DirectorStatus targetStatus = directorStatus(pair.getStatus(), start.target());
        OperationStatus operation = Journal.newOperation(OperationType.REPAIR, start.target(), start.manager(),
                manual ? OperationStep.AWAITING_APPROVAL : OperationStep.SCANNING,
                manual ? "waiting for the annotation binarybosh.io/approve to recreate "
                        + start.target().displayName() + "'s VM" : "scanning " + target.deployment() + " on "
                        + start.manager().displayName(), context.now());
        operation.setPreviousVmCid(instance.map(Instance::cid).orElse(null));
        operation.setPreviousAgentId(instance.map(Instance::agentId).orElse(null));
        operation.setPreviousDeployments(targetStatus == null ? null : targetStatus.getDeployments());
        Duration down = target.downFor().orElse(Duration.ZERO);
        if (!manual) {
            operation.setTaskIdAbove(TaskFloor.of(context.client(start.manager()), target.deployment()));
        }
        Instant now = context.now();
        BinaryBoshPair written = context.update(status -> {
            status.setOperation(operation);
            if (!manual) {
                countAttempt(status, start.target(), now);
            }
        });
        if (manual) {
            context.events().normal(written, Reason.APPROVAL_REQUIRED, start.target().displayName() + " is down for "
                    + down.toSeconds() + "s; to let " + start.manager().displayName() + " recreate its VM, annotate "
                    + "the pair with binarybosh.io/approve=" + operation.getId());
            return;
        }
        context.metrics().repairStarted(start.target(), down);
        context.events().warning(written, Reason.REPAIR_STARTED, start.target().displayName() + " is down for "
                + down.toSeconds() + "s and " + start.manager().displayName() + "'s health monitor has not "
                + "resurrected it: asking " + start.manager().displayName() + " to scan '" + target.deployment()
                + "' and recreate the VM (operation " + operation.getId() + ")");
        machine().handler(OperationStep.SCANNING).orElseThrow()
                .handle(context, Step.OperationAction.FIND_OR_START_TASK);
    }

    private static void approved(OperationContext context) {
        OperationStatus operation = context.operation();
        DirectorRole target = DirectorRole.fromField(operation.getTarget());
        DirectorRole manager = DirectorRole.fromField(operation.getDirector());
        long above = TaskFloor.of(context.client(manager), context.facts().of(target).deployment());
        Instant now = context.now();
        BinaryBoshPair written = Journal.next(context, OperationStep.SCANNING, "approved: scanning", status -> {
            status.getOperation().setTaskIdAbove(above);
            countAttempt(status, target, now);
        });
        context.metrics().repairStarted(target, context.facts().of(target).downFor().orElse(Duration.ZERO));
        context.events().warning(written, Reason.REPAIR_STARTED, "operation " + operation.getId() + " approved: asking "
                + manager.displayName() + " to recreate " + target.displayName() + "'s VM");
        machine().handler(OperationStep.SCANNING).orElseThrow()
                .handle(context, Step.OperationAction.FIND_OR_START_TASK);
    }

    private static void countAttempt(BinaryBoshPairStatus status, DirectorRole target, Instant now) {
        DirectorStatus director = directorStatus(status, target);
        if (director != null) {
            director.setRepairAttempts((director.getRepairAttempts() == null ? 0 : director.getRepairAttempts()) + 1);
            director.setLastRepairTime(Timestamps.format(now));
        }
    }

    private static DirectorStatus directorStatus(BinaryBoshPairStatus status, DirectorRole role) {
        return role == DirectorRole.PRIMARY ? status.getPrimary() : status.getMeta();
    }
}
