package io.binarybosh.operator.decide;

import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.HealthMonitorSettings;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every combination of the dimensions the decision depends on, checked against an oracle written from the rules
 * of mutual management rather than from the code: which step, and for waits and blocks, which reason.
 */
class DeciderTableTest {

    enum Reach { REACHABLE, UNREACHABLE, FROZEN, UNAUTHENTICATED }

    enum Managed { TRUE, FALSE, UNKNOWN }

    enum Agent { RUNNING, FAILING, UNRESPONSIVE, VM_MISSING }

    record Case(Reach primary, Reach meta, Managed managed, Agent agent, boolean resurrectionPaused,
                boolean scanAndFixQueued, boolean locked, boolean budgetSpent, boolean paused,
                ApprovalMode approval) {
    }

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofMinutes(30));
    private final Decider decider = new Decider();

    @Test
    void everyCombination() {
        List<Case> cases = new ArrayList<>();
        for (Reach primary : Reach.values()) {
            for (Reach meta : Reach.values()) {
                for (Managed managed : Managed.values()) {
                    for (Agent agent : Agent.values()) {
                        for (int bits = 0; bits < 32; bits++) {
                            for (ApprovalMode approval : ApprovalMode.values()) {
                                cases.add(new Case(primary, meta, managed, agent, (bits & 1) != 0, (bits & 2) != 0,
                                        (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0, approval));
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).hasSize(4 * 4 * 3 * 4 * 32 * 2);
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            String expected = oracle(c);
            String actual = describe(decider.decide(input(c)));
            if (!expected.equals(actual)) {
                wrong.add(c + ": expected " + expected + " but was " + actual);
            }
        }
        assertThat(wrong).as(wrong.size() + " of " + cases.size() + " combinations decided wrongly").isEmpty();
    }

    /** The rules, as the issue states them. */
    private static String oracle(Case c) {
        if (c.paused()) {
            return "Wait:Paused";
        }
        boolean primaryDown = c.primary() == Reach.UNREACHABLE || c.primary() == Reach.FROZEN;
        boolean metaDown = c.meta() == Reach.UNREACHABLE || c.meta() == Reach.FROZEN;
        if (primaryDown && metaDown) {
            return "Blocked:Lost";
        }
        if (primaryDown || metaDown) {
            Reach peer = primaryDown ? c.meta() : c.primary();
            DirectorRole target = primaryDown ? DirectorRole.PRIMARY : DirectorRole.META;
            if (peer == Reach.UNAUTHENTICATED) {
                return "Blocked:PeerNotUsable";
            }
            if (c.managed() == Managed.UNKNOWN) {
                // the peer answers /info but its lists fail: its database, named, and no repair through it
                return "Blocked:" + (primaryDown ? "Meta" : "Primary") + "DatabaseNotAnswering";
            }
            if (c.managed() == Managed.FALSE) {
                return "Blocked:NotManagedByPeer";
            }
            if (c.scanAndFixQueued()) {
                return "Wait:HealthMonitorRepairing";
            }
            if (c.locked()) {
                return "Wait:DeploymentLocked";
            }
            if (c.agent() == Agent.FAILING) {
                return "Blocked:JobsStoppedNotRecreating";
            }
            if (c.agent() == Agent.RUNNING) {
                return "Blocked:ApiFrozen";
            }
            if (c.budgetSpent()) {
                return "Blocked:RepairBudgetSpent";
            }
            return "StartRepair:" + target + "<-" + (target == DirectorRole.PRIMARY ? DirectorRole.META
                    : DirectorRole.PRIMARY);
        }
        // In these cases "managed unknown" means the director's details could not be read at all, pause flag included.
        if (c.resurrectionPaused() && c.managed() != Managed.UNKNOWN) {
            if (c.meta() == Reach.REACHABLE) {
                return "UnpauseResurrection:META";
            }
            if (c.primary() == Reach.REACHABLE) {
                return "UnpauseResurrection:PRIMARY";
            }
        }
        return "Wait:Steady";
    }

    private static String describe(Step step) {
        if (step instanceof Step.Wait wait) {
            return "Wait:" + wait.reason();
        }
        if (step instanceof Step.Blocked blocked) {
            return "Blocked:" + blocked.reason();
        }
        if (step instanceof Step.StartRepair start) {
            return "StartRepair:" + start.target() + "<-" + start.manager();
        }
        if (step instanceof Step.UnpauseResurrection unpause) {
            return "UnpauseResurrection:" + unpause.on();
        }
        return step.toString();
    }

    private static DecisionInput input(Case c) {
        BinaryBoshPair pair = TestPairs.pair("https://127.0.0.11:25555", "https://127.0.0.12:25555");
        pair.getSpec().setApproval(c.approval());
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setPrimary(directorStatus(c));
        status.setMeta(directorStatus(c));
        PairObservation observation = new PairObservation(1,
                observe(DirectorRole.PRIMARY, c.primary(), "bosh-meta", c),
                observe(DirectorRole.META, c.meta(), "bosh-primary", c), null, NOW);
        PairFacts facts = PairFacts.of(pair.getSpec(), status, Optional.of(observation), NOW);
        return new DecisionInput(pair.getSpec(), status, facts, true, c.paused(), null, NOW);
    }

    private static DirectorStatus directorStatus(Case c) {
        DirectorStatus status = new DirectorStatus();
        status.setRepairAttempts(c.budgetSpent() ? 3 : 0);
        return status;
    }

    private static DirectorObservation observe(DirectorRole role, Reach reach, String managedDeployment, Case c) {
        String url = role == DirectorRole.PRIMARY ? "https://127.0.0.11:25555" : "https://127.0.0.12:25555";
        DirectorInfo info = new DirectorInfo(role.fieldName(), "uuid", "283.1.6", "admin", "cpi",
                new UserAuthentication("basic", null, List.of()));
        return switch (reach) {
            case REACHABLE -> new DirectorObservation(role, url, Outcome.REACHABLE, info, "admin", null, null, NOW,
                    NOW, details(managedDeployment, c), null);
            case UNREACHABLE -> new DirectorObservation(role, url, Outcome.UNREACHABLE, null, null, null,
                    "connection refused", NOW, LONG_AGO, null, NOW.minusSeconds(15));
            case FROZEN -> new DirectorObservation(role, url, Outcome.UNREACHABLE, null, null, null,
                    "read timed out", NOW, LONG_AGO, null, NOW.minusSeconds(15));
            case UNAUTHENTICATED -> new DirectorObservation(role, url, Outcome.CREDENTIALS_REJECTED,
                    new DirectorInfo(role.fieldName(), "uuid", "283.1.6", null, "cpi",
                            new UserAuthentication("basic", null, List.of())),
                    null, null, "refused", NOW, NOW, null, null);
        };
    }

    private static DirectorDetails details(String managedDeployment, Case c) {
        if (c.managed() == Managed.UNKNOWN) {
            return new DirectorDetails(null, Map.of(), null, "GET /deployments failed: 500");
        }
        if (c.managed() == Managed.FALSE) {
            return new DirectorDetails(!c.resurrectionPaused(), Map.of("workload", false),
                    new ManagedDeploymentView(managedDeployment, false, false, List.of(), List.of(), null, null, null),
                    null);
        }
        String cid = c.agent() == Agent.VM_MISSING ? null : "vm-1";
        AgentView agent = new AgentView(switch (c.agent()) {
            case RUNNING -> "running";
            case FAILING -> "failing";
            case UNRESPONSIVE -> AgentView.UNRESPONSIVE;
            case VM_MISSING -> null;
        }, cid, cid == null ? null : "agent-1", NOW);
        List<Task> tasks = c.scanAndFixQueued()
                ? List.of(new Task(7, TaskState.QUEUED, "scan and fix", null, NOW.getEpochSecond(), null, "hm",
                managedDeployment, ""))
                : List.of();
        Instance instance = new Instance(cid == null ? null : "agent-1", cid, "bosh", 0, "uuid-1", "z1",
                List.of(), null, true);
        HealthMonitorSettings settings = new HealthMonitorSettings(true, 5, 0.2, 600, true);
        return new DirectorDetails(!c.resurrectionPaused(), Map.of(managedDeployment, c.locked()),
                new ManagedDeploymentView(managedDeployment, true, c.locked(), List.of(instance), tasks, agent,
                        settings, null), null);
    }
}
