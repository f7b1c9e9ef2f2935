package io.binarybosh.operator.decide;

import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decision: from what is known now, the one next step. Pure: no I/O, the time is an input.
 *
 * <p>Order: pause, invalid spec, an operation in flight, split brain, both directors down, one director down
 * past {@code forceRecreateAfter} (repaired through its peer, within a budget, never in a loop), paused
 * resurrection, else wait.
 */
public final class Decider {

    /** A task holding a director deployment longer than this is reported as stuck. */
    public static final Duration STUCK_TASK_AFTER = Duration.ofMinutes(30);
    static final Duration AGENT_CHECK_WAIT = Duration.ofSeconds(10);
    static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(2);

    /** How soon to look again while an operation is in flight. */
    public static Duration followInterval() {
        return FOLLOW_INTERVAL;
    }

    private final MigrationDecider migration = new MigrationDecider();
    private final OperationDecider operations = new OperationDecider();

    public Step decide(DecisionInput in) {
        Timings timings = in.timings();
        if (in.paused()) {
            return new Step.Wait(Reason.PAUSED, "the binarybosh.io/paused annotation stops every action",
                    timings.pollInterval());
        }
        if (!in.specValid()) {
            return new Step.Blocked(Reason.SPEC_INVALID,
                    "the spec or a Secret it references is invalid: see SpecValid");
        }
        OperationStatus operation = in.status().getOperation();
        if (operation != null && operation.is(OperationType.FENCE_MICRO)) {
            return new Step.ContinueOperation(Step.OperationAction.REDO);
        }
        Optional<String> splitBrain = HealthRules.splitBrainDeployment(in.facts());
        if (splitBrain.isPresent()) {
            return splitBrain(in, operation, splitBrain.get(), timings);
        }
        return afterSplitBrain(in, operation, timings);
    }

    /**
     * The Micro holds a deployment of the pair: fence it when an attempt is due. Between attempts (which back off)
     * and once they are spent, whatever else is to do goes on, so that Primary and Meta are still repaired; only
     * when nothing else is to do does the decision say why it waits.
     */
    private Step splitBrain(DecisionInput in, OperationStatus operation, String deployment, Timings timings) {
        boolean shell = in.spec().getBootstrap() != null && in.spec().getBootstrap().getMicro() != null
                && in.spec().getBootstrap().getMicro().getSsh() != null;
        FenceBackoff backoff = FenceBackoff.of(in.status().getHistory(), timings.pollInterval());
        if (operation != null && operation.is(OperationType.MIGRATION)) {
            // A Micro that answers after Meta started on its data is retired by definition: fenced at once.
            if (operation.at(OperationStep.STARTING_META) || operation.at(OperationStep.AWAITING_FENCE_APPROVAL)) {
                return new Step.ContinueOperation(operation.at(OperationStep.AWAITING_FENCE_APPROVAL)
                        ? Step.OperationAction.RETIRE_MICRO : Step.OperationAction.MIGRATE);
            }
        } else if (shell && backoff.due(in.now())) {
            // Whatever else is in flight is set aside until the fence ends, then goes on.
            return new Step.StartFence();
        }
        Step other = afterSplitBrain(in, operation, timings);
        if (!(other instanceof Step.Wait) && !(other instanceof Step.Blocked)) {
            return other;
        }
        String held = "deployment '" + deployment + "' is held by Micro and by a director of the pair";
        if (!shell) {
            return new Step.Blocked(Reason.SPLIT_BRAIN, held + "; no ssh access to Micro is declared, so a person must "
                    + "fence it (stop its processes, move its store aside)");
        }
        if (backoff.failures() == 0) {
            return new Step.Blocked(Reason.SPLIT_BRAIN, held + "; the Micro is fenced once operation "
                    + (operation == null ? "" : operation.getId() + " ") + "ends");
        }
        String last = " (last: " + backoff.lastMessage() + ")";
        return new Step.Blocked(Reason.MICRO_FENCE_FAILED, held + "; fencing it failed " + backoff.failures() + " times"
                + last + (backoff.exhausted() ? ": the operator no longer tries, fence it by hand (monit stop all, "
                + "then move the store's contents aside)" : "; next attempt at " + backoff.nextAttempt().orElseThrow()));
    }

    private Step afterSplitBrain(DecisionInput in, OperationStatus operation, Timings timings) {
        // After the fence (which goes first whatever waits): a step that failed waits for its next attempt.
        Optional<Step> backoff = RetryBackoff.waitFor(operation, in.status().getMigration(), in.now());
        if (backoff.isPresent()) {
            return backoff.get();
        }
        if (operation != null && operation.is(OperationType.MIGRATION)) {
            return migration.proceed(in, operation);
        }
        if (operation != null) {
            return operations.proceed(in, operation, timings);
        }
        Optional<Instant> lastChange = lastFinished(in);
        if (lastChange.isPresent() && !in.facts().lookedAtAfter(lastChange.get())) {
            // The directors were last looked at before the last operation ended: act on nothing older.
            return new Step.Wait(Reason.AWAITING_FRESH_OBSERVATION, "waiting for a look at the directors made after "
                    + "the last operation", timings.pollInterval());
        }
        if (MigrationDecider.due(in)) {
            return migration.start(in);
        }
        DirectorFacts primary = in.facts().primary();
        DirectorFacts meta = in.facts().meta();
        boolean primaryDown = HealthRules.isDown(primary, timings.unreachableAfter());
        boolean metaDown = HealthRules.isDown(meta, timings.unreachableAfter());
        if (primaryDown && metaDown) {
            return new Step.Blocked(Reason.LOST,
                    "neither Primary nor Meta answers, so neither can resurrect the other. "
                    + "A person must bring one back: restart its VM in the IaaS if it still exists, or create a "
                    + "director at the same address from its last backup (bbr director restore) and run cloud "
                    + "check. The operator takes no action and keeps observing.");
        }
        if (primaryDown) {
            return repair(in, primary, meta, timings);
        }
        if (metaDown) {
            return repair(in, meta, primary, timings);
        }
        if (in.resurrectionWanted()) {
            for (DirectorFacts director : List.of(meta, primary)) {
                if (director.reachable() && director.resurrectionEnabled().equals(Optional.of(false))) {
                    return new Step.UnpauseResurrection(director.role());
                }
            }
        }
        for (DirectorFacts director : List.of(meta, primary)) {
            if (director.manifestDrift()) {
                return deploy(director, in.facts().peerOf(director.role()), timings);
            }
        }
        return new Step.Wait(Reason.STEADY, "nothing to do", timings.pollInterval());
    }

    /** A drifted manifest is deployed only through the peer, while both answer; Meta's before Primary's. */
    private Step deploy(DirectorFacts target, DirectorFacts manager, Timings timings) {
        if (target.manager() != manager.role()) {
            return new Step.Wait(Reason.MANIFEST_DRIFT_NOT_DEPLOYABLE,
                    target.role().displayName() + "'s deployed manifest "
                    + "differs from its manifestRef, but '" + target.deployment() + "' is not on "
                    + manager.role().displayName() + ": deployed only once the pair manages itself",
                    timings.pollInterval());
        }
        if (!target.reachable() || !manager.reachable()) {
            return new Step.Wait(Reason.MANIFEST_DRIFT_WAITS_FOR_HEALTH, target.role().displayName() + "'s manifest is "
                    + "deployed only while both directors answer", timings.pollInterval());
        }
        return new Step.StartDeploy(target.role(), manager.role());
    }

    private Step repair(DecisionInput in, DirectorFacts target, DirectorFacts peer, Timings timings) {
        String name = target.role().displayName();
        String peerName = peer.role().displayName();
        Optional<Duration> down = target.downFor();
        if (down.isEmpty()) {
            return new Step.Blocked(Reason.NEVER_ANSWERED,
                    name + " has not answered since the operator started observing "
                    + "it; the operator repairs only a director it has seen working");
        }
        if (down.get().compareTo(timings.forceRecreateAfter()) < 0) {
            return new Step.Wait(Reason.AWAITING_HEALTH_MONITOR, name + " has been down since "
                    + Timestamps.format(target.lastSeen()) + "; " + peerName + "'s health monitor has until "
                    + Timestamps.format(target.lastSeen().plus(timings.forceRecreateAfter()))
                    + " (forceRecreateAfterSeconds) to resurrect it",
                    timings.forceRecreateAfter().minus(down.get()));
        }
        if (!peer.reachable()) {
            return new Step.Blocked(Reason.PEER_NOT_USABLE,
                    name + " is down and " + peerName + " cannot be used to repair it: "
                    + peer.observation().detail());
        }
        var peerDetails = peer.observation().details();
        Optional<String> peerDatabase = DatabaseFailure.of(peer.observation());
        if (peerDatabase.isPresent()) {
            return new Step.Blocked(Reason.databaseNotAnswering(peer.role()), name + " is down, and "
                    + peerName + " cannot repair it: " + peerDatabase.get());
        }
        if (peerDetails == null || peerDetails.error() != null) {
            return new Step.Wait(Reason.MANAGER_VIEW_INCOMPLETE, peerName + " could not list its deployments"
                    + (peerDetails == null ? "" : ": " + peerDetails.error()), timings.pollInterval());
        }
        if (target.manager() != peer.role()) {
            return new Step.Blocked(Reason.NOT_MANAGED_BY_PEER,
                    name + " is down, but its deployment '" + target.deployment()
                    + "' is not on " + peerName + (target.manager() == null ? "" : " (it is on "
                    + target.manager().displayName() + ")") + "; the operator repairs only through the pair");
        }
        ManagedDeploymentView view = target.fromManager();
        if (view.error() != null && view.instances().isEmpty()) {
            return new Step.Wait(Reason.MANAGER_VIEW_INCOMPLETE,
                    peerName + " could not tell about '" + target.deployment()
                    + "': " + view.error(), timings.pollInterval());
        }
        // An agent check (retrieve vm-stats) holds no lock and changes nothing: it never makes the repair wait.
        Optional<Task> task = view.changingTasks().stream().findFirst();
        if (task.isPresent()) {
            Task t = task.get();
            if (io.binarybosh.operator.director.DirectorTasks.SCAN_AND_FIX.equals(t.description())) {
                return new Step.Wait(Reason.HEALTH_MONITOR_REPAIRING,
                        peerName + "'s health monitor is repairing " + name
                        + ": task " + t.id() + " (" + t.state().wire() + ")", timings.pollInterval());
            }
            if (t.startedAt() != null && Instant.ofEpochSecond(t.startedAt()).plus(STUCK_TASK_AFTER)
                    .isBefore(in.now())) {
                if (timings.cancelStuckTasks()) {
                    return new Step.CancelStuckTask(target.role(), peer.role(), t.id());
                }
                return new Step.Blocked(Reason.DEPLOYMENT_LOCKED_BY_STUCK_TASK,
                        "task " + t.id() + " ('" + t.description()
                        + "' by " + t.user() + ") has held '" + target.deployment() + "' on " + peerName + " since "
                        + Instant.ofEpochSecond(t.startedAt()) + "; cancel it (bosh -e " + peerName.toLowerCase()
                        + " cancel-task " + t.id() + "), let it finish, or allow the operator to cancel it with "
                        + "spec.health.cancelStuckTasks");
            }
            return new Step.Wait(Reason.TASK_IN_FLIGHT, "task " + t.id() + " ('" + t.description() + "') runs on '"
                    + target.deployment() + "'; the operator waits for it", timings.pollInterval());
        }
        if (view.locked()) {
            return new Step.Wait(Reason.DEPLOYMENT_LOCKED, "'" + target.deployment() + "' is locked on " + peerName,
                    timings.pollInterval());
        }
        Optional<AgentView> agent = target.freshAgentView();
        if (agent.isEmpty()) {
            return new Step.Wait(Reason.AWAITING_AGENT_CHECK, "waiting for " + peerName + " to tell whether " + name
                    + "'s agent still answers", AGENT_CHECK_WAIT);
        }
        if (agent.get().failing()) {
            return new Step.Blocked(Reason.JOBS_STOPPED_NOT_RECREATING, name + "'s agent is alive and reports '"
                    + agent.get().jobState() + "': its processes were stopped (by a person or a migration) or "
                    + "fail. Recreating the VM would not help; start them (monit start all) or find why they fail");
        }
        if (agent.get().running()) {
            return new Step.Blocked(Reason.API_FROZEN,
                    name + "'s agent reports running to " + peerName + ", yet its API "
                    + "has not answered since " + Timestamps.format(target.lastSeen())
                    + ": frozen or cut off from the operator. "
                    + "The operator does not recreate a VM whose agent reports healthy");
        }
        if (agent.get().ignored()) {
            return new Step.Blocked(Reason.INSTANCE_IGNORED, name + "'s instance is ignored on " + peerName + " (bosh "
                    + "ignore): a scan skips it, so a repair would find nothing to fix and only spend its budget. "
                    + "Unignore it (bosh -d " + target.deployment() + " unignore <group>/<id>) to let the operator "
                    + "and " + peerName + "'s health monitor repair it");
        }
        if (view.instance().map(i -> Boolean.FALSE.equals(i.expectsVm())).orElse(false)) {
            return new Step.Blocked(Reason.INSTANCE_NOT_EXPECTING_VM,
                    name + "'s instance on " + peerName + " expects no "
                    + "VM (stopped with --hard or detached): a scan skips it. Start it (bosh -d " + target.deployment()
                    + " start) to have it recreated");
        }
        DirectorStatus targetStatus = statusOf(in, target.role());
        int attempts = targetStatus == null || targetStatus.getRepairAttempts() == null ? 0
                : targetStatus.getRepairAttempts();
        if (attempts >= timings.maxRepairAttempts()) {
            return new Step.Blocked(Reason.REPAIR_BUDGET_SPENT,
                    name + " was recreated through " + peerName + " " + attempts
                    + " times without staying healthy for " + timings.minHealthyPeriod().toSeconds() + "s; the "
                    + "operator stops so that the directors do not recreate each other forever. Find the cause, "
                    + "then reset status." + target.role().fieldName() + ".repairAttempts or recreate the pair");
        }
        Instant lastRepair = parse(targetStatus == null ? null : targetStatus.getLastRepairTime());
        if (lastRepair != null && lastRepair.plus(timings.forceRecreateAfter()).isAfter(in.now())) {
            return new Step.Wait(Reason.REPAIR_BACKOFF, "the last repair of " + name + " started at " + lastRepair,
                    Duration.between(in.now(), lastRepair.plus(timings.forceRecreateAfter())));
        }
        DirectorStatus peerStatus = statusOf(in, peer.role());
        Instant peerRepair = parse(peerStatus == null ? null : peerStatus.getLastRepairTime());
        if (peerRepair != null && peerRepair.plus(timings.minHealthyPeriod()).isAfter(in.now())) {
            return new Step.Wait(Reason.PEER_RECENTLY_REPAIRED, peerName + " was itself recreated at " + peerRepair
                    + "; it must stay healthy for " + timings.minHealthyPeriod().toSeconds() + "s before it repairs "
                    + name, Duration.between(in.now(), peerRepair.plus(timings.minHealthyPeriod())));
        }
        return new Step.StartRepair(target.role(), peer.role());
    }

    private static Optional<Instant> lastFinished(DecisionInput in) {
        return in.status().getHistory().stream().findFirst().map(r -> r.getFinishedTime()).map(Instant::parse);
    }

    private static DirectorStatus statusOf(DecisionInput in, DirectorRole role) {
        return role == DirectorRole.PRIMARY ? in.status().getPrimary() : in.status().getMeta();
    }

    private static Instant parse(String time) {
        return time == null ? null : Instant.parse(time);
    }
}
