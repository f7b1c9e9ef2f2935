package io.binarybosh.operator.status;

import io.binarybosh.operator.model.Timestamps;
import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.decide.Timings;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The status of one director, part of what {@link StatusCalculator} computes. Pure. */
final class DirectorStatuses {

    /** How stale lastSeenTime may grow while a director keeps answering. */
    static final Duration LAST_SEEN_REFRESH = Duration.ofMinutes(5);

    private DirectorStatuses() {
    }

    /** What the operator last saw of one director: the observation if current, else what the status had. */
    static DirectorStatus of(DirectorRole role, BinaryBoshPairSpec spec, Optional<PairObservation> observation,
                             DirectorStatus previous, Instant now) {
        Optional<DirectorObservation> seen = current(observation, role, spec);
        if (seen.isEmpty()) {
            if (previous != null && Objects.equals(previous.getUrl(), urlOf(spec, role))) {
                return previous;
            }
            DirectorStatus unknown = new DirectorStatus();
            unknown.setUrl(urlOf(spec, role));
            unknown.setState("Unknown");
            return unknown;
        }
        DirectorObservation o = seen.get();
        DirectorStatus status = new DirectorStatus();
        status.setUrl(o.url());
        status.setState(o.databaseFailure().isPresent() ? "DatabaseFailing" : state(o.outcome()));
        status.setReachable(o.outcome() == Outcome.NOT_CONTACTED ? null : o.answered());
        if (o.info() != null) {
            status.setName(o.info().name());
            status.setUuid(o.info().uuid());
            status.setVersion(o.info().version());
            status.setAuthType(o.info().userAuthentication() == null ? null : o.info().userAuthentication().type());
        } else if (previous != null && Objects.equals(previous.getUrl(), o.url())) {
            // Identity survives an outage: who the director was is still worth showing.
            status.setName(previous.getName());
            status.setUuid(previous.getUuid());
            status.setVersion(previous.getVersion());
            status.setAuthType(previous.getAuthType());
        }
        status.setUser(o.user());
        status.setLastError(o.outcome() == Outcome.REACHABLE ? o.databaseFailure().orElse(null) : o.detail());
        status.setLastSeenTime(lastSeen(o, previous, now));
        return status;
    }

    private static String lastSeen(DirectorObservation o, DirectorStatus previous, Instant now) {
        String before = previous == null || !Objects.equals(previous.getUrl(), o.url())
                ? null : previous.getLastSeenTime();
        if (o.answered()) {
            boolean wasAnswering = previous != null && Boolean.TRUE.equals(previous.getReachable());
            if (wasAnswering && before != null
                    && Timestamps.parse(before).plus(LAST_SEEN_REFRESH).isAfter(o.observedAt())) {
                return before;
            }
            return Timestamps.format(o.observedAt());
        }
        if (o.lastAnsweredAt() != null) {
            return Timestamps.format(o.lastAnsweredAt());
        }
        return before;
    }

    private static String state(Outcome outcome) {
        return switch (outcome) {
            case REACHABLE -> "Reachable";
            case CREDENTIALS_REJECTED -> "Unauthenticated";
            case UAA_UNAVAILABLE -> "UaaUnavailable";
            case TLS_UNTRUSTED -> "Untrusted";
            case UNREACHABLE -> "Unreachable";
            case UNEXPECTED_RESPONSE -> "BadResponse";
            case NOT_CONTACTED -> "Invalid";
        };
    }

    /** Who manages the director, its VM as the manager sees it, and its repair bookkeeping. */
    static void management(DirectorStatus director, DirectorFacts facts, DirectorStatus before,
                           boolean healthy, Timings timings, Instant now) {
        director.setManagedBy(facts.manager() == null ? null : facts.manager().fieldName());
        Optional<Instance> instance = facts.managerView().flatMap(ManagedDeploymentView::instance);
        director.setVmCid(instance.map(Instance::cid).orElse(before == null ? null : before.getVmCid()));
        director.setAgentId(instance.map(Instance::agentId).orElse(before == null ? null : before.getAgentId()));
        director.setJobState(facts.anyAgentView().map(AgentView::jobState)
                .orElse(before == null ? null : before.getJobState()));
        director.setResurrectionPaused(facts.resurrectionEnabled().map(enabled -> !enabled)
                .orElse(before == null ? null : before.getResurrectionPaused()));
        if (facts.observation() != null && facts.observation().details() != null
                && facts.observation().details().error() == null) {
            director.setDeployments(facts.observation().details().deploymentsLocked().keySet().stream().sorted()
                    .toList());
        } else if (before != null) {
            director.setDeployments(before.getDeployments());
        }
        String healthySince = healthy ? (before != null && before.getHealthySince() != null
                ? before.getHealthySince() : Timestamps.format(now)) : null;
        director.setHealthySince(healthySince);
        Integer attempts = before == null ? null : before.getRepairAttempts();
        String lastRepair = before == null ? null : before.getLastRepairTime();
        if (attempts != null && attempts > 0 && healthySince != null && lastRepair != null) {
            Instant since = Instant.parse(healthySince);
            Instant reference = since.isAfter(Instant.parse(lastRepair)) ? since : Instant.parse(lastRepair);
            if (!reference.plus(timings.minHealthyPeriod()).isAfter(now)) {
                attempts = 0;
            }
        }
        director.setRepairAttempts(attempts);
        director.setLastRepairTime(lastRepair);
    }

    /** The observation of a role, if it was made against the URL the spec names now. */
    static Optional<DirectorObservation> current(Optional<PairObservation> observation, DirectorRole role,
                                                  BinaryBoshPairSpec spec) {
        String url = urlOf(spec, role);
        return observation.map(o -> o.of(role)).filter(o -> Objects.equals(o.url(), url));
    }

    static String urlOf(BinaryBoshPairSpec spec, DirectorRole role) {
        if (spec == null) {
            return null;
        }
        DirectorConnectionSpec director = switch (role) {
            case PRIMARY -> spec.getPrimary();
            case META -> spec.getMeta();
            case MICRO -> spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        };
        return director == null ? null : director.getUrl();
    }
}
