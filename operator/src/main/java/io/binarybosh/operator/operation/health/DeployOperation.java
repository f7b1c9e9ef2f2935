package io.binarybosh.operator.operation.health;

import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.DirectorTaskStep;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.Machine;
import io.binarybosh.operator.operation.OperationContext;

import java.util.Map;

/** A drifted director manifest deployed through the peer: (approval,) the deploy task, then verification. */
public final class DeployOperation {

    private DeployOperation() {
    }

    public static Machine machine() {
        return new Machine(OperationType.DEPLOY, Map.of(
                OperationStep.AWAITING_APPROVAL, (context, action) -> approved(context),
                OperationStep.DEPLOYING, new DirectorTaskStep(DirectorTaskStep.Kind.DEPLOY, OperationStep.VERIFYING,
                        OperationStep.VERIFYING)));
    }

    public static void start(OperationContext context, Step.StartDeploy start) {
        BinaryBoshPair pair = context.pair();
        DirectorFacts target = context.facts().of(start.target());
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        OperationStatus operation = Journal.newOperation(OperationType.DEPLOY, start.target(), start.manager(),
                manual ? OperationStep.AWAITING_APPROVAL : OperationStep.DEPLOYING,
                (manual ? "waiting for the annotation binarybosh.io/approve to deploy" : "deploying")
                        + " the manifestRef of " + start.target().displayName() + " through "
                        + start.manager().displayName(), context.now());
        BinaryBoshPair written = context.update(status -> status.setOperation(operation));
        if (manual) {
            context.events().normal(written, Reason.APPROVAL_REQUIRED, start.target().displayName() + "'s deployment '"
                    + target.deployment() + "' differs from its manifestRef; to deploy it through "
                    + start.manager().displayName() + ", annotate the pair with binarybosh.io/approve="
                    + operation.getId());
            return;
        }
        context.events().normal(written, Reason.DEPLOY_STARTED, "deploying the manifestRef of "
                + start.target().displayName() + " to '" + target.deployment() + "' through "
                + start.manager().displayName() + " (operation " + operation.getId() + ")");
        deploy(context);
    }

    private static void approved(OperationContext context) {
        OperationStatus operation = context.operation();
        DirectorRole target = DirectorRole.fromField(operation.getTarget());
        BinaryBoshPair written = Journal.next(context, OperationStep.DEPLOYING, "approved: deploying", null);
        context.events().normal(written, Reason.DEPLOY_STARTED, "operation " + operation.getId() + " approved: "
                + "deploying the manifestRef of " + target.displayName());
        deploy(context);
    }

    private static void deploy(OperationContext context) {
        machine().handler(OperationStep.DEPLOYING).orElseThrow()
                .handle(context, Step.OperationAction.FIND_OR_START_TASK);
    }
}
