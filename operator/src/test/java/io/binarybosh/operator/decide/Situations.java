package io.binarybosh.operator.decide;

import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DesiredManifest;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.HealthMonitorSettings;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;
import io.binarybosh.operator.observe.ResurrectionConfigRules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mutable description of a pair's world for decision tests, turned into facts and input on demand. */
final class Situations {

    static final String PRIMARY_URL = "https://127.0.0.11:25555";
    static final String META_URL = "https://127.0.0.12:25555";
    static final String MICRO_URL = "https://127.0.0.13:25555";

    final BinaryBoshPair pair = TestPairs.pair(PRIMARY_URL, META_URL);
    final BinaryBoshPairStatus status = new BinaryBoshPairStatus();
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    final Side primary = new Side(DirectorRole.PRIMARY, PRIMARY_URL, "bosh-meta");
    final Side meta = new Side(DirectorRole.META, META_URL, "bosh-primary");
    Side micro;
    boolean paused;
    String approved;
    String desiredPrimaryManifest;
    String desiredMetaManifest;

    Situations() {
        status.setPrimary(new DirectorStatus());
        status.setMeta(new DirectorStatus());
    }

    /** One director: whether it answers, and what it tells of the deployment it manages. */
    final class Side {
        final DirectorRole role;
        final String url;
        final String managedDeployment;
        Outcome outcome = Outcome.REACHABLE;
        Instant lastAnswered;
        Boolean resurrection = true;
        final Map<String, Boolean> deployments = new LinkedHashMap<>();
        boolean holdsManaged = true;
        boolean locked;
        List<Task> tasks = List.of();
        AgentView agent;
        String vmCid = "vm-1";
        HealthMonitorSettings settings = new HealthMonitorSettings(true, 5, 0.2, 600, true);
        String deployedManifest;
        String version = "283.1.6 (00000000)";
        /** The addresses of the VM of the deployment this director manages, as it lists them. */
        List<String> ips = List.of();
        /** Its resurrection configs, as read from it (null: not read). */
        ResurrectionConfigRules rules = new ResurrectionConfigRules(List.of());
        /** Whether the instance of the deployment it manages expects a VM. */
        boolean expectsVm = true;
        /** Its queued and processing tasks of every deployment (read of the Micro only). */
        List<Task> directorWide;
        /** Its director name in /info (default "<role>-bosh") and whether it has a config server. */
        String name;
        boolean configServer;
        /** The variables of the deployment it manages, as read (null: not read). */
        List<String> variables;
        /** Set: it answers /info but every call that reads its database fails with this. */
        String databaseError;

        Side(DirectorRole role, String url, String managedDeployment) {
            this.role = role;
            this.url = url;
            this.managedDeployment = managedDeployment;
        }

        Side down(long secondsAgo) {
            outcome = Outcome.UNREACHABLE;
            lastAnswered = now.minusSeconds(secondsAgo);
            return this;
        }

        DirectorObservation observation() {
            DirectorInfo info = new DirectorInfo(name != null ? name : role.fieldName() + "-bosh", "uuid", version,
                    "admin", "cpi", new UserAuthentication("basic", null, List.of()), configServer);
            if (outcome != Outcome.REACHABLE) {
                return new DirectorObservation(role, url, outcome, null, null, null, "connection refused", now,
                        lastAnswered, null, lastAnswered == null ? now : null);
            }
            if (databaseError != null) {
                return new DirectorObservation(role, url, outcome, info, "admin", null, null, now, now,
                        new DirectorDetails(null, Map.of(), null, databaseError), null);
            }
            Map<String, Boolean> all = new LinkedHashMap<>(deployments);
            if (holdsManaged) {
                all.put(managedDeployment, locked);
            }
            ManagedDeploymentView view = holdsManaged
                    ? new ManagedDeploymentView(managedDeployment, true, locked,
                    List.of(new Instance(vmCid == null ? null : "agent-of-" + vmCid, vmCid, "bosh", 0, "uuid-1", "z1",
                            ips, null, expectsVm)), tasks, agent, settings, null, deployedManifest, rules, variables)
                    : new ManagedDeploymentView(managedDeployment, false, false, List.of(), List.of(), null, null, null);
            return new DirectorObservation(role, url, outcome, info, "admin", null, null, now, now,
                    new DirectorDetails(resurrection, all, view, null, directorWide), null);
        }
    }

    Side micro() {
        micro = new Side(DirectorRole.MICRO, MICRO_URL, "bosh-primary");
        TestPairs.withMicro(pair, MICRO_URL);
        return micro;
    }

    PairFacts facts() {
        return PairFacts.of(pair.getSpec(), status, Optional.of(new PairObservation(1, primary.observation(),
                meta.observation(), micro == null ? null : micro.observation(), now,
                desiredPrimaryManifest == null ? null : new DesiredManifest(desiredPrimaryManifest, null),
                desiredMetaManifest == null ? null : new DesiredManifest(desiredMetaManifest, null))), now);
    }

    DecisionInput input() {
        return new DecisionInput(pair.getSpec(), status, facts(), true, paused, approved, now);
    }
}
