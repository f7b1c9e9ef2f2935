package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.observe.ConfigProblem;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.observe.DirectorRole;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes the status a pair should have from its spec, its previous status and the latest observation. Pure:
 * no I/O, time comes in as an argument, and the same inputs give an equal status, so that an unchanged world
 * causes no status write.
 */
public final class StatusCalculator {

    /** How stale lastSeenTime may grow while a director keeps answering. */
    public static final Duration LAST_SEEN_REFRESH = Duration.ofMinutes(5);

    public BinaryBoshPairStatus calculate(BinaryBoshPair pair, Optional<PairObservation> observation,
                                          List<ConfigProblem> specProblems, Instant now) {
        BinaryBoshPairSpec spec = pair.getSpec();
        BinaryBoshPairStatus previous = pair.getStatus() == null ? new BinaryBoshPairStatus() : pair.getStatus();
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();

        List<ConfigProblem> problems = new ArrayList<>(specProblems);
        List<DirectorRole> roles = declaredRoles(spec);
        for (DirectorRole role : roles) {
            current(observation, role, spec).flatMap(DirectorObservation::problem)
                    .filter(problem -> !problems.contains(problem))
                    .ifPresent(problems::add);
        }

        List<DesiredCondition> desired = new ArrayList<>();
        desired.add(specValid(problems, observation.isPresent()));
        for (DirectorRole role : roles) {
            desired.add(reachable(role, current(observation, role, spec)));
        }
        desired.add(ready(problems, roles, observation, spec));

        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setObservedGeneration(generation);
        status.setConditions(Conditions.merge(previous.getConditions(), desired, generation, now));
        status.setPrimary(director(DirectorRole.PRIMARY, spec, observation, previous.getPrimary(), now));
        status.setMeta(director(DirectorRole.META, spec, observation, previous.getMeta(), now));
        status.setMicro(roles.contains(DirectorRole.MICRO)
                ? director(DirectorRole.MICRO, spec, observation, previous.getMicro(), now) : null);
        status.setOperation(previous.getOperation());
        status.setHistory(previous.getHistory());
        status.setPhase(phase(problems, roles, observation, spec));
        return status;
    }

    private static List<DirectorRole> declaredRoles(BinaryBoshPairSpec spec) {
        boolean micro = spec != null && spec.getBootstrap() != null && spec.getBootstrap().getMicro() != null;
        return micro ? List.of(DirectorRole.PRIMARY, DirectorRole.META, DirectorRole.MICRO)
                : List.of(DirectorRole.PRIMARY, DirectorRole.META);
    }

    /** The observation of a role, if it was made against the URL the spec names now. */
    private static Optional<DirectorObservation> current(Optional<PairObservation> observation, DirectorRole role,
                                                         BinaryBoshPairSpec spec) {
        String url = urlOf(spec, role);
        return observation.map(o -> o.of(role)).filter(o -> Objects.equals(o.url(), url));
    }

    private static String urlOf(BinaryBoshPairSpec spec, DirectorRole role) {
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

    private static DesiredCondition specValid(List<ConfigProblem> problems, boolean observed) {
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            String message = problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
            return DesiredCondition.isFalse(ConditionTypes.SPEC_VALID, first.reason(), message);
        }
        if (!observed) {
            return DesiredCondition.unknown(ConditionTypes.SPEC_VALID, ConditionReasons.AWAITING_OBSERVATION,
                    "the referenced Secrets have not been read yet");
        }
        return DesiredCondition.isTrue(ConditionTypes.SPEC_VALID, ConditionReasons.SPEC_VALID,
                "the spec and the Secrets it references are valid");
    }

    private static DesiredCondition reachable(DirectorRole role, Optional<DirectorObservation> seen) {
        String type = ConditionTypes.reachable(role);
        if (seen.isEmpty()) {
            return DesiredCondition.unknown(type, ConditionReasons.AWAITING_OBSERVATION,
                    "the " + role.displayName() + " director has not been observed yet");
        }
        DirectorObservation o = seen.get();
        return switch (o.outcome()) {
            case REACHABLE -> DesiredCondition.isTrue(type, ConditionReasons.DIRECTOR_ANSWERED,
                    "director '" + o.info().name() + "' (" + o.info().version() + ") at " + o.url()
                            + " accepted the operator as '" + o.user() + "'");
            case CREDENTIALS_REJECTED -> DesiredCondition.isFalse(type, ConditionReasons.CREDENTIALS_REJECTED,
                    "the director at " + o.url() + " refused the credentials: " + o.detail());
            case TLS_UNTRUSTED -> DesiredCondition.isFalse(type, ConditionReasons.CERTIFICATE_UNTRUSTED,
                    "the director at " + o.url() + " presented a certificate the configured CA does not verify: "
                            + o.detail());
            case UNREACHABLE -> DesiredCondition.isFalse(type, ConditionReasons.CONNECTION_FAILED,
                    "the director at " + o.url() + " did not answer: " + o.detail());
            case UNEXPECTED_RESPONSE -> DesiredCondition.isFalse(type, ConditionReasons.UNEXPECTED_RESPONSE,
                    "the director at " + o.url() + " gave an answer the operator cannot use: " + o.detail());
            case NOT_CONTACTED -> DesiredCondition.unknown(type, ConditionReasons.NOT_CONTACTED,
                    "not contacted until the spec is fixed: " + o.detail());
        };
    }

    private static DesiredCondition ready(List<ConfigProblem> problems, List<DirectorRole> roles,
                                          Optional<PairObservation> observation, BinaryBoshPairSpec spec) {
        List<String> blockers = new ArrayList<>();
        if (!problems.isEmpty()) {
            blockers.add("the spec is invalid");
        }
        for (DirectorRole role : roles) {
            boolean ok = current(observation, role, spec).map(o -> o.outcome() == Outcome.REACHABLE).orElse(false);
            if (!ok) {
                blockers.add(role.displayName() + " is not reachable with the given credentials");
            }
        }
        blockers.add("mutual management of Primary and Meta is not verified yet");
        return DesiredCondition.isFalse(ConditionTypes.READY, ConditionReasons.NOT_YET_MANAGED,
                String.join("; ", blockers));
    }

    private static String phase(List<ConfigProblem> problems, List<DirectorRole> roles,
                                Optional<PairObservation> observation, BinaryBoshPairSpec spec) {
        if (!problems.isEmpty()) {
            return "Invalid";
        }
        if (observation.isEmpty()) {
            return "Pending";
        }
        boolean allReachable = roles.stream().allMatch(role ->
                current(observation, role, spec).map(o -> o.outcome() == Outcome.REACHABLE).orElse(false));
        return allReachable ? "Observing" : "Degraded";
    }

    private static DirectorStatus director(DirectorRole role, BinaryBoshPairSpec spec,
                                           Optional<PairObservation> observation, DirectorStatus previous,
                                           Instant now) {
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
        status.setState(state(o.outcome()));
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
        status.setLastError(o.outcome() == Outcome.REACHABLE ? null : o.detail());
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
            case TLS_UNTRUSTED -> "Untrusted";
            case UNREACHABLE -> "Unreachable";
            case UNEXPECTED_RESPONSE -> "BadResponse";
            case NOT_CONTACTED -> "Invalid";
        };
    }
}
