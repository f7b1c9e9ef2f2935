package io.binarybosh.operator.decide;

import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decision for a repair, a deploy, an unpause or a cancel in flight: from its step and what is observed now,
 * whether to follow its task, move on, finish it, or wait. Pure, like {@link Decider}.
 */
final class OperationDecider {

    Step proceed(DecisionInput in, OperationStatus operation, Timings timings) {
        OperationType type = operation.operationType();
        OperationStep step = operation.operationStep();
        if (type == null || step == null || !type.steps().contains(step)) {
            return new Step.FinishOperation(OperationResult.ABANDONED, "unknown operation type '"
                    + operation.getType() + "' or step '" + operation.getStep() + "' left by another version of the "
                    + "operator");
        }
        Instant started = parse(operation.getStartedTime());
        if (type == OperationType.UNPAUSE_RESURRECTION || type == OperationType.CANCEL_STUCK_TASK) {
            if (started != null && started.plus(Timings.STEP_TIMEOUT).isBefore(in.now())) {
                return new Step.FinishOperation(OperationResult.FAILED, type + " did not succeed within "
                        + Timings.STEP_TIMEOUT.toMinutes() + " minutes: " + operation.getMessage());
            }
            return new Step.ContinueOperation(Step.OperationAction.REDO);
        }
        boolean deploy = type == OperationType.DEPLOY;
        DirectorRole targetRole = DirectorRole.fromField(operation.getTarget());
        DirectorFacts target = in.facts().of(targetRole);
        Instant stepStarted = parse(operation.getStepStartedTime());
        boolean stepTimedOut = stepStarted != null && stepStarted.plus(Timings.STEP_TIMEOUT).isBefore(in.now());
        switch (step) {
            case AWAITING_APPROVAL -> {
                if (deploy && !target.manifestDrift() && target.managerView().flatMap(
                        ManagedDeploymentView::deployedManifest).isPresent()) {
                    return new Step.FinishOperation(OperationResult.ABANDONED, targetRole.displayName()
                            + "'s deployed manifest matches its manifestRef again; nothing to deploy");
                }
                if (deploy) {
                    Optional<DirectorFacts> down = directorDown(in, timings);
                    if (down.isPresent()) {
                        return new Step.FinishOperation(OperationResult.ABANDONED, down.get().role().displayName()
                                + " is down: its repair comes before a deploy that waits for approval (the deploy "
                                + "is proposed again once both directors answer)");
                    }
                }
                if (!deploy && target.reachable()) {
                    return new Step.FinishOperation(OperationResult.ABANDONED, targetRole.displayName()
                            + " answers again; the repair awaiting approval is no longer needed");
                }
                if (operation.getId().equals(in.approvedOperationId())) {
                    return new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL);
                }
                return new Step.Wait(Reason.AWAITING_APPROVAL,
                        "operation " + operation.getId() + " waits for the annotation "
                        + "binarybosh.io/approve=" + operation.getId(), timings.pollInterval(), operation.getId());
            }
            case SCANNING, RESOLVING, DEPLOYING -> {
                if (stepTimedOut) {
                    return new Step.FinishOperation(OperationResult.FAILED, operation.getStep()
                            + " did not finish within " + Timings.STEP_TIMEOUT.toMinutes() + " minutes");
                }
                Optional<Step> following = followTask(operation);
                if (following.isPresent()) {
                    return following.get();
                }
                String state = operation.getTaskState();
                return new Step.FinishOperation(OperationResult.FAILED, "task " + operation.getTaskId() + " ("
                        + operation.getStep() + ") ended '" + state + "'");
            }
            case VERIFYING -> {
                Optional<String> unverified = deploy ? undeployed(target) : unverified(target, operation);
                if (unverified.isEmpty()) {
                    return new Step.FinishOperation(OperationResult.SUCCEEDED, deploy
                            ? targetRole.displayName() + " answers and its deployment has the desired manifest"
                            : targetRole.displayName() + " is back on a new VM and holds the same deployments");
                }
                if (stepTimedOut) {
                    return new Step.FinishOperation(OperationResult.FAILED, "after " + Timings.STEP_TIMEOUT.toMinutes()
                            + " minutes " + unverified.get());
                }
                return new Step.Wait(Reason.VERIFYING_REPAIR, unverified.get(), timings.pollInterval());
            }
            default -> {
                return new Step.FinishOperation(OperationResult.ABANDONED, "step '" + operation.getStep()
                        + "' has no decision for " + type);
            }
        }
    }

    /** Primary or Meta, if one is down (its repair goes before anything a person has not approved yet). */
    private static Optional<DirectorFacts> directorDown(DecisionInput in, Timings timings) {
        return List.of(in.facts().primary(), in.facts().meta()).stream()
                .filter(d -> HealthRules.isDown(d, timings.unreachableAfter())).findFirst();
    }

    /**
     * The step's director task: to find or start, to follow, or done; empty when it ended otherwise (the caller
     * decides what a failed task means for its operation).
     */
    static Optional<Step> followTask(OperationStatus operation) {
        if (operation.getTaskId() == null) {
            return Optional.of(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        }
        String state = operation.getTaskState();
        if (state == null || "queued".equals(state) || "processing".equals(state) || "cancelling".equals(state)) {
            return Optional.of(new Step.ContinueOperation(Step.OperationAction.FOLLOW_TASK));
        }
        if ("done".equals(state)) {
            return Optional.of(new Step.ContinueOperation(Step.OperationAction.NEXT_STEP));
        }
        return Optional.empty();
    }

    /** What is not yet true of a director whose manifest was deployed: it answers, with the desired manifest. */
    static Optional<String> undeployed(DirectorFacts target) {
        String name = target.role().displayName();
        if (!target.reachable()) {
            return Optional.of(name + " does not answer yet");
        }
        if (target.managerView().flatMap(ManagedDeploymentView::deployedManifest).isEmpty()) {
            return Optional.of("the deployed manifest of '" + target.deployment() + "' has not been read yet");
        }
        if (target.manifestDrift()) {
            return Optional.of("the deployed manifest of '" + target.deployment() + "' still differs from its "
                    + "manifestRef");
        }
        return Optional.empty();
    }

    /** What is not yet true of a repaired director: it answers, on a new VM, with the deployments it had. */
    static Optional<String> unverified(DirectorFacts target, OperationStatus operation) {
        String name = target.role().displayName();
        if (!target.reachable()) {
            return Optional.of(name + " does not answer yet");
        }
        Optional<Instance> instance = target.managerView().flatMap(ManagedDeploymentView::instance);
        if (operation.getPreviousVmCid() != null && instance.isPresent()
                && operation.getPreviousVmCid().equals(instance.get().cid())) {
            return Optional.of(name + " still runs on VM " + instance.get().cid());
        }
        Optional<String> database = DatabaseFailure.of(target.observation());
        if (database.isPresent()) {
            return database;
        }
        if (operation.getPreviousDeployments() != null) {
            List<String> now = target.observation().details() == null ? List.of()
                    : List.copyOf(target.observation().details().deploymentsLocked().keySet());
            List<String> missing = operation.getPreviousDeployments().stream().filter(d -> !now.contains(d)).toList();
            if (!missing.isEmpty()) {
                return Optional.of(name + " answers but no longer holds " + missing);
            }
        }
        return Optional.empty();
    }

    private static Instant parse(String time) {
        return time == null ? null : Instant.parse(time);
    }
}
