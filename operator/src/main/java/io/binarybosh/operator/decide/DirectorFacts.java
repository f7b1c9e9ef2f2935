package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.HealthMonitorSettings;
import io.binarybosh.operator.observe.Manifests;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What is known of Primary or Meta at one moment, from its own answer and from the director that manages it.
 *
 * @param observation     this poll's look at the director (null before the first poll)
 * @param previous        its status before this poll (null at first)
 * @param manager         the director holding its deployment (Meta for Primary, Primary for Meta; Micro for
 *                        Primary before the migration); null when no director reports holding it
 * @param fromManager     the manager's view of its deployment, when the manager answered
 * @param lastSeen        when it last answered, null if never
 * @param desiredManifest the manifest its deployment should have (its manifestRef), null when none is declared
 */
public record DirectorFacts(DirectorRole role, String deployment, DirectorObservation observation,
                            DirectorStatus previous, DirectorRole manager, ManagedDeploymentView fromManager,
                            Instant lastSeen, Instant now, String desiredManifest) {

    /** A desired manifest is declared, the manager's deployed one was read, and they differ as documents. */
    public boolean manifestDrift() {
        return desiredManifest != null && fromManager != null && fromManager.manifest() != null
                && !Manifests.same(desiredManifest, fromManager.manifest());
    }

    public boolean answering() {
        return observation != null && observation.answered();
    }

    public boolean reachable() {
        return observation != null && observation.outcome() == Outcome.REACHABLE;
    }

    /** Neither answering nor known to be up: no answer, no TLS, a bad answer. */
    public boolean silent() {
        return observation != null && observation.silent();
    }

    /** How long it has not answered; empty while it answers, or when it never answered. */
    public Optional<Duration> downFor() {
        if (!silent() || lastSeen == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(lastSeen, now));
    }

    public Optional<ManagedDeploymentView> managerView() {
        return Optional.ofNullable(fromManager);
    }

    /**
     * The manager's agent check, if made after this process found the director silent: an older one may show
     * the VM as it was just before it died.
     */
    public Optional<AgentView> freshAgentView() {
        Instant silentSince = observation == null ? null : observation.silentSince();
        Instant since = silentSince != null ? silentSince : lastSeen;
        return managerView().flatMap(ManagedDeploymentView::agentView)
                .filter(agent -> since == null || !agent.checkedAt().isBefore(since));
    }

    public Optional<AgentView> anyAgentView() {
        return managerView().flatMap(ManagedDeploymentView::agentView);
    }

    /** Its own health monitor settings, read from its manifest on its manager. */
    public Optional<HealthMonitorSettings> settings() {
        return managerView().flatMap(ManagedDeploymentView::healthMonitorSettings);
    }

    /** Its own GET /resurrection answer; empty when unknown. */
    public Optional<Boolean> resurrectionEnabled() {
        return Optional.ofNullable(observation).flatMap(DirectorObservation::detailsView)
                .map(d -> d.resurrectionEnabled());
    }
}
