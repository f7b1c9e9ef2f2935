package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.observe.HealthMonitorSettings;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.ResurrectionConfigRules;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.DesiredCondition;
import io.binarybosh.operator.model.Timestamps;
import io.fabric8.kubernetes.api.model.Condition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conditions that say whether the pair manages itself: each director's health, mutual management,
 * resurrection both ways, split brain. Pure functions of the facts.
 */
public final class HealthRules {

    private HealthRules() {
    }

    /**
     * Healthy while the API answers. When it stops, the condition keeps its last value for
     * {@code unreachableAfter} (a single lost poll is not an outage), then turns False with what the managing
     * director knows of the VM.
     */
    public static DesiredCondition healthy(DirectorFacts facts, Duration unreachableAfter,
                                           Optional<Condition> previous) {
        ConditionType type = ConditionType.healthy(facts.role());
        String name = facts.role().displayName();
        if (facts.observation() == null) {
            return DesiredCondition.unknown(type, Reason.AWAITING_OBSERVATION, name + " has not been observed yet");
        }
        Outcome outcome = facts.observation().outcome();
        Optional<String> database = DatabaseFailure.of(facts.observation());
        if (database.isPresent()) {
            return DesiredCondition.isFalse(type, Reason.DATABASE_NOT_ANSWERING, database.get());
        }
        if (outcome == Outcome.REACHABLE) {
            String agent = facts.anyAgentView().filter(AgentView::running)
                    .map(a -> "; its agent reports running to " + facts.manager().displayName()).orElse("");
            return DesiredCondition.isTrue(type, Reason.ANSWERING, name + "'s API answers" + agent);
        }
        if (outcome == Outcome.CREDENTIALS_REJECTED || outcome == Outcome.NOT_CONTACTED
                || outcome == Outcome.UAA_UNAVAILABLE) {
            return DesiredCondition.unknown(type, Reason.NOT_OBSERVABLE,
                    name + " cannot be observed: " + facts.observation().detail());
        }
        Optional<Duration> down = facts.downFor();
        if (down.isEmpty()) {
            return DesiredCondition.isFalse(type, Reason.NEVER_ANSWERED, name + " has not answered since the operator "
                    + "started observing it: " + facts.observation().detail());
        }
        // a reason of another version's is not kept: the condition is said anew
        Optional<Reason> kept = previous.flatMap(before -> Reason.fromWire(before.getReason()));
        if (down.get().compareTo(unreachableAfter) < 0 && kept.isPresent()) {
            Condition before = previous.get();
            return new DesiredCondition(type, before.getStatus(), kept.get(), before.getMessage());
        }
        // A time, not a duration: the message must not change at every poll, or the status would be rewritten.
        String since = " since " + Timestamps.format(facts.lastSeen());
        Optional<AgentView> agent = facts.freshAgentView();
        if (agent.isPresent() && agent.get().vmMissing()) {
            return DesiredCondition.isFalse(type, Reason.VM_MISSING, name + " has not answered" + since + "; "
                    + facts.manager().displayName() + " has no VM for it");
        }
        if (agent.isPresent() && agent.get().unresponsive()) {
            return DesiredCondition.isFalse(type, Reason.AGENT_UNRESPONSIVE, name + " has not answered" + since + "; "
                    + "its agent does not answer " + facts.manager().displayName() + " either (VM "
                    + agent.get().vmCid() + "): the VM is down or its agent reports elsewhere");
        }
        if (agent.isPresent() && agent.get().failing()) {
            return DesiredCondition.isFalse(type, Reason.JOBS_NOT_RUNNING, name + " has not answered" + since
                    + "; its agent is alive and reports '" + agent.get().jobState() + "' to "
                    + facts.manager().displayName() + ": the director's processes are stopped or failing");
        }
        if (agent.isPresent() && agent.get().running()) {
            return DesiredCondition.isFalse(type, Reason.API_NOT_ANSWERING, name + " has not answered" + since
                    + " although its agent reports running to " + facts.manager().displayName()
                    + ": the API is frozen or cut off");
        }
        return DesiredCondition.isFalse(type, Reason.UNREACHABLE, name + " has not answered" + since + ": "
                + facts.observation().detail());
    }

    public static boolean isDown(DirectorFacts facts, Duration unreachableAfter) {
        return facts.silent() && facts.downFor().map(d -> d.compareTo(unreachableAfter) >= 0).orElse(true);
    }

    /** Each director's deployment is on the other, and each agent reports to the other. */
    public static DesiredCondition mutuallyManaged(PairFacts facts) {
        List<String> problems = new ArrayList<>();
        Reason reason = null;
        for (DirectorFacts director : List.of(facts.primary(), facts.meta())) {
            DirectorRole expected = director.role() == DirectorRole.PRIMARY ? DirectorRole.META : DirectorRole.PRIMARY;
            DirectorFacts peer = facts.of(expected);
            Optional<String> database = DatabaseFailure.of(peer.observation());
            if (database.isPresent()) {
                problems.add("whether " + expected.displayName() + " manages " + director.role().displayName()
                        + " is unknown: " + database.get());
                reason = reason == null ? Reason.DATABASE_NOT_ANSWERING : reason;
                continue;
            }
            if (!peer.reachable() || peer.observation().details() == null) {
                problems.add(expected.displayName() + " cannot be asked whether it manages "
                        + director.role().displayName());
                reason = reason == null ? Reason.PEER_NOT_OBSERVABLE : reason;
                continue;
            }
            if (director.manager() != expected && holdsItsOwnDeployment(director)) {
                problems.add("deployment '" + director.deployment() + "' is on " + director.role().displayName()
                        + " itself, and a director cannot deploy itself: spec.primary and spec.meta look swapped "
                        + "(their urls or their deployments)");
                // The root cause of every other problem here, so it names the condition.
                reason = Reason.ROLES_SWAPPED;
                continue;
            }
            if (director.manager() != expected) {
                String elsewhere = director.manager() == null ? ""
                        : "; it is on " + director.manager().displayName();
                problems.add("deployment '" + director.deployment() + "' is not on " + expected.displayName()
                        + elsewhere);
                reason = reason == null ? Reason.notManagedByPeer(director.role()) : reason;
                continue;
            }
            Optional<AgentView> agent = director.anyAgentView();
            if (agent.isPresent() && (agent.get().unresponsive() || agent.get().vmMissing())) {
                problems.add(expected.displayName() + " sees " + (agent.get().vmMissing() ? "no VM"
                        : "'unresponsive agent'") + " for " + director.role().displayName()
                        + (director.answering() ? " although it answers: its agent reports to another director"
                        : ""));
                reason = reason == null ? Reason.agentNotReporting(director.role()) : reason;
            }
        }
        if (problems.isEmpty()) {
            // The first agent checks wait for the pair's slot (up to a minute after a start): until both are
            // made, nothing is claimed of the agents.
            boolean agentsChecked = facts.primary().anyAgentView().isPresent()
                    && facts.meta().anyAgentView().isPresent();
            return DesiredCondition.isTrue(ConditionType.MUTUALLY_MANAGED, Reason.EACH_MANAGES_THE_OTHER,
                    "Meta holds '" + facts.primary().deployment() + "' and Primary holds '"
                            + facts.meta().deployment() + (agentsChecked ? "', and their agents report to each other"
                            : "'; whether their agents report to each other is checked within a minute"));
        }
        return DesiredCondition.isFalse(ConditionType.MUTUALLY_MANAGED, reason, String.join("; ", problems));
    }

    private static boolean holdsItsOwnDeployment(DirectorFacts director) {
        return director.reachable() && director.observation().details() != null
                && director.observation().details().hasDeployment(director.deployment());
    }

    /**
     * Resurrection would really fire both ways: unpaused, resurrector on, stateful nodes fixed, no meltdown, no
     * resurrection config rule against it, the instance neither ignored nor without an expected VM.
     */
    public static DesiredCondition resurrectionEnabled(BinaryBoshPairSpec spec, PairFacts facts) {
        if (spec.getResurrection() != null && Boolean.FALSE.equals(spec.getResurrection().getEnabled())) {
            return DesiredCondition.isFalse(ConditionType.RESURRECTION_ENABLED, Reason.DISABLED_IN_SPEC,
                    "spec.resurrection.enabled is false: the operator neither expects nor enforces resurrection");
        }
        List<String> blockers = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Reason reason = null;
        List<String> databases = new ArrayList<>();
        for (DirectorFacts resurrector : List.of(facts.meta(), facts.primary())) {
            String name = resurrector.role().displayName();
            DatabaseFailure.of(resurrector.observation()).ifPresent(databases::add);
            Optional<Boolean> enabled = resurrector.resurrectionEnabled();
            if (enabled.isEmpty()) {
                unknown.add("whether resurrection is paused on " + name);
            } else if (!enabled.get()) {
                blockers.add("resurrection is paused on " + name);
                reason = reason == null ? Reason.RESURRECTION_PAUSED : reason;
            }
            Reason rulesReason = resurrectedBy(resurrector, facts.peerOf(resurrector.role()), blockers, unknown);
            reason = reason == null ? rulesReason : reason;
            Optional<HealthMonitorSettings> settings = resurrector.settings();
            if (settings.isEmpty()) {
                unknown.add(name + "'s health monitor settings (its manifest on its manager)");
            } else {
                for (String blocker : settings.get().blockers()) {
                    blockers.add(name + ": " + blocker);
                }
                if (!settings.get().blockers().isEmpty() && reason == null) {
                    reason = !settings.get().resurrectorOn() ? Reason.RESURRECTOR_DISABLED
                            : !settings.get().fixesStatefulNodes() ? Reason.STATEFUL_NODES_NOT_FIXED
                            : Reason.MELTDOWN_THRESHOLDS;
                }
            }
        }
        if (!blockers.isEmpty()) {
            return DesiredCondition.isFalse(ConditionType.RESURRECTION_ENABLED, reason, String.join("; ", blockers));
        }
        if (!databases.isEmpty()) {
            return DesiredCondition.unknown(ConditionType.RESURRECTION_ENABLED, Reason.DATABASE_NOT_ANSWERING,
                    "cannot tell whether resurrection works both ways: " + String.join("; ", databases));
        }
        if (!unknown.isEmpty()) {
            return DesiredCondition.unknown(ConditionType.RESURRECTION_ENABLED, Reason.NOT_OBSERVABLE,
                    "cannot tell " + String.join(", nor ", unknown));
        }
        return DesiredCondition.isTrue(ConditionType.RESURRECTION_ENABLED, Reason.BOTH_WAYS,
                "Meta resurrects Primary and Primary resurrects Meta: unpaused, resurrector on, stateful nodes "
                        + "fixed, thresholds a one-VM deployment never reaches");
    }

    /**
     * What the resurrector's health monitor and scan and fix would do with the resurrected director's instance (bosh
     * {@code hm/resurrection_manager.rb}, {@code problem_scanner/vm_scan_stage.rb}, {@code jobs/cloud_check/
     * scan_and_fix.rb}): a resurrection config rule that disables it, the instance ignored, or an instance that
     * expects no VM each stop resurrection. Adds what it finds; returns the reason of the first, or null.
     */
    private static Reason resurrectedBy(DirectorFacts resurrector, DirectorFacts resurrected, List<String> blockers,
                                        List<String> unknown) {
        String name = resurrector.role().displayName();
        String target = resurrected.role().displayName();
        Optional<ManagedDeploymentView> view = resurrected.managerView()
                .filter(v -> resurrected.manager() == resurrector.role());
        if (view.isEmpty()) {
            return null;
        }
        Reason reason = null;
        Optional<Instance> instance = view.get().instance();
        String group = instance.map(Instance::job).orElse(null);
        Optional<ResurrectionConfigRules> rules = view.get().resurrectionRules();
        if (rules.isEmpty()) {
            unknown.add("the resurrection configs on " + name);
        } else if (group != null) {
            Optional<String> config = rules.get().disablingConfig(resurrected.deployment(), group);
            if (config.isPresent()) {
                blockers.add("resurrection config '" + config.get() + "' on " + name + " disables resurrection of '"
                        + resurrected.deployment() + "' (instance group '" + group + "'): " + name
                        + "'s health monitor never resurrects " + target);
                reason = Reason.RESURRECTION_CONFIG_DISABLES;
            }
        }
        if (resurrected.anyAgentView().map(AgentView::ignored).orElse(false)) {
            blockers.add(target + "'s instance is ignored on " + name + " (bosh ignore): scans, scan and fix and "
                    + "the resurrector skip it; undo it with bosh -d " + resurrected.deployment() + " unignore "
                    + group + "/" + instance.map(Instance::id).orElse("<id>"));
            reason = reason == null ? Reason.INSTANCE_IGNORED : reason;
        }
        if (instance.isPresent() && Boolean.FALSE.equals(instance.get().expectsVm())) {
            blockers.add(target + "'s instance on " + name + " expects no VM (stopped with --hard or detached): "
                    + "the health monitor does not resurrect it and scans skip it");
            reason = reason == null ? Reason.INSTANCE_NOT_EXPECTING_VM : reason;
        }
        return reason;
    }

    /** A director outside the pair (the Micro) answering with a deployment the pair's directors hold. */
    public static DesiredCondition splitBrain(PairFacts facts) {
        Optional<String> microDatabase = DatabaseFailure.of(facts.micro());
        if (microDatabase.isPresent()) {
            // Not read, so not decided from: but a director without its database runs no task, so it cannot act.
            return DesiredCondition.isFalse(ConditionType.SPLIT_BRAIN, Reason.MICRO_CANNOT_ACT,
                    "what the Micro holds is unknown, and "
                    + "without its database it runs no task on any VM: " + microDatabase.get());
        }
        Optional<String> twice = splitBrainDeployment(facts);
        if (twice.isPresent()) {
            return DesiredCondition.isTrue(ConditionType.SPLIT_BRAIN, Reason.DEPLOYMENT_ON_TWO_DIRECTORS,
                    "deployment '" + twice.get()
                    + "' is held both by Micro (" + facts.micro().url() + ") and by its managing director in the "
                    + "pair: both could act on the same VMs until the Micro is fenced");
        }
        return DesiredCondition.isFalse(ConditionType.SPLIT_BRAIN, Reason.NO_DUPLICATE_OWNER,
                "no director outside the pair holds a deployment of the pair");
    }

    public static Optional<String> splitBrainDeployment(PairFacts facts) {
        if (facts.micro() == null || facts.micro().details() == null) {
            return Optional.empty();
        }
        var micro = facts.micro().details();
        boolean primaryOnMeta = facts.meta().reachable() && facts.meta().observation().details() != null
                && facts.meta().observation().details().hasDeployment(facts.primary().deployment());
        if (micro.hasDeployment(facts.primary().deployment()) && primaryOnMeta) {
            return Optional.of(facts.primary().deployment());
        }
        boolean metaOnPrimary = facts.primary().reachable() && facts.primary().observation().details() != null
                && facts.primary().observation().details().hasDeployment(facts.meta().deployment());
        if (micro.hasDeployment(facts.meta().deployment()) && metaOnPrimary) {
            return Optional.of(facts.meta().deployment());
        }
        return Optional.empty();
    }
}
