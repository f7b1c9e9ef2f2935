package io.binarybosh.operator.status;

import io.binarybosh.operator.model.DesiredCondition;
import io.binarybosh.operator.model.Phase;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.decide.DatabaseFailure;
import io.binarybosh.operator.decide.HealthRules;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.decide.Timings;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.observe.DesiredManifest;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;

import io.binarybosh.operator.observe.PairObservation;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes the status a pair should have from its spec, its previous status and the latest observation. Pure:
 * no I/O, time comes in as an argument, and the same inputs give a status that serializes alike, so that an
 * unchanged world causes no status write.
 */
public final class StatusCalculator {

    /** The status implied by the observation, and the facts the decision will read. */
    public record Calculation(BinaryBoshPairStatus status, Optional<PairFacts> facts, boolean specValid) {
    }

    public Calculation calculate(BinaryBoshPair pair, Optional<PairObservation> observation,
                                 List<ConfigProblem> specProblems, boolean paused, Instant now) {
        BinaryBoshPairSpec spec = pair.getSpec();
        BinaryBoshPairStatus previous = pair.getStatus() == null ? new BinaryBoshPairStatus() : pair.getStatus();
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();

        List<ConfigProblem> problems = new ArrayList<>(specProblems);
        List<DirectorRole> roles = declaredRoles(spec);
        for (DirectorRole role : roles) {
            DirectorStatuses.current(observation, role, spec).flatMap(DirectorObservation::problem)
                    .filter(problem -> !problems.contains(problem))
                    .ifPresent(problems::add);
        }
        for (DirectorRole role : List.of(DirectorRole.PRIMARY, DirectorRole.META)) {
            observation.flatMap(o -> o.desiredManifest(role)).flatMap(DesiredManifest::configProblem)
                    .filter(problem -> !problems.contains(problem))
                    .ifPresent(problems::add);
        }
        boolean specValid = problems.isEmpty();
        Optional<PairFacts> facts = specValid
                ? Optional.of(PairFacts.of(spec, previous, currentOnly(observation, spec), now))
                : Optional.empty();
        Timings timings = spec == null ? null : Timings.of(spec);

        List<DesiredCondition> desired = new ArrayList<>();
        desired.add(specValid(problems, observation.isPresent()));
        for (DirectorRole role : roles) {
            desired.add(reachable(role, DirectorStatuses.current(observation, role, spec)));
        }
        if (facts.isPresent()) {
            PairFacts f = facts.get();
            for (DirectorRole role : List.of(DirectorRole.PRIMARY, DirectorRole.META)) {
                desired.add(HealthRules.healthy(f.of(role), timings.unreachableAfter(),
                        Conditions.find(previous.getConditions(), ConditionType.healthy(role))));
            }
            if (observation.isPresent()) {
                desired.add(HealthRules.mutuallyManaged(f));
                desired.add(HealthRules.resurrectionEnabled(spec, f));
                desired.add(HealthRules.splitBrain(f));
            } else {
                for (ConditionType type : List.of(ConditionType.MUTUALLY_MANAGED, ConditionType.RESURRECTION_ENABLED,
                        ConditionType.SPLIT_BRAIN)) {
                    desired.add(DesiredCondition.unknown(type, Reason.AWAITING_OBSERVATION,
                            "the directors have not been observed yet"));
                }
            }
        }
        desired.add(paused ? DesiredCondition.isTrue(ConditionType.PAUSED, Reason.PAUSED_BY_ANNOTATION,
                "the binarybosh.io/paused annotation is \"true\": no action is taken, observation goes on")
                : DesiredCondition.isFalse(ConditionType.PAUSED, Reason.NOT_PAUSED, "actions are allowed"));
        desired.add(0, ready(desired));

        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setObservedGeneration(generation);
        status.setConditions(Conditions.merge(previous.getConditions(), desired, generation, now));
        status.setPrimary(DirectorStatuses.of(DirectorRole.PRIMARY, spec, observation, previous.getPrimary(), now));
        status.setMeta(DirectorStatuses.of(DirectorRole.META, spec, observation, previous.getMeta(), now));
        status.setMicro(roles.contains(DirectorRole.MICRO)
                ? DirectorStatuses.of(DirectorRole.MICRO, spec, observation, previous.getMicro(), now) : null);
        if (facts.isPresent()) {
            for (DirectorRole role : List.of(DirectorRole.PRIMARY, DirectorRole.META)) {
                DirectorStatus director = role == DirectorRole.PRIMARY ? status.getPrimary() : status.getMeta();
                DirectorStatus before = role == DirectorRole.PRIMARY ? previous.getPrimary() : previous.getMeta();
                boolean healthy = Conditions.find(status.getConditions(), ConditionType.healthy(role))
                        .map(c -> "True".equals(c.getStatus())).orElse(false);
                DirectorStatuses.management(director, facts.get().of(role), before, healthy, timings, now);
            }
        }
        status.setOperation(previous.getOperation());
        status.setHistory(previous.getHistory());
        status.setMigration(previous.getMigration());
        status.setSuspendedOperation(previous.getSuspendedOperation());
        status.setPhase(phase(problems, observation));
        return new Calculation(status, facts, specValid);
    }

    /** Adds what the decision chose: the Blocked condition and the phase. */
    public BinaryBoshPairStatus decided(BinaryBoshPairStatus status, Step step, boolean paused, long generation,
                                        List<Condition> previousConditions, Instant now) {
        DesiredCondition blockedCondition = step instanceof Step.Blocked blocked
                ? DesiredCondition.isTrue(ConditionType.BLOCKED, blocked.reason(), blocked.message())
                : DesiredCondition.isFalse(ConditionType.BLOCKED, Reason.NOT_BLOCKED,
                        step instanceof Step.Wait wait ? wait.message() : "acting");
        List<DesiredCondition> decidedConditions = new ArrayList<>(List.of(blockedCondition));
        migrated(status, step).ifPresent(decidedConditions::add);
        List<Condition> merged = new ArrayList<>(status.getConditions());
        merged.removeIf(c -> ConditionType.BLOCKED.is(c.getType()) || ConditionType.MIGRATED.is(c.getType()));
        merged.addAll(Conditions.merge(previousConditions, decidedConditions, generation, now));
        status.setConditions(merged);
        status.setPhase(decidedPhase(status, step, paused));
        status.setAwaitedApproval(step instanceof Step.Wait wait ? wait.awaitedApproval()
                : step instanceof Step.Blocked blocked ? blocked.awaitedApproval() : null);
        return status;
    }

    /**
     * Migrated, while a Micro is declared or a migration ran: True once Meta holds Primary's deployment (by the
     * operator's migration or before it watched); else False with the step in flight or what stops it.
     */
    private static Optional<DesiredCondition> migrated(BinaryBoshPairStatus status, Step step) {
        var migration = status.getMigration();
        var operation = status.getOperation();
        boolean migrating = operation != null && operation.is(OperationType.MIGRATION);
        if (migration != null && migration.getCompletedTime() != null) {
            return Optional.of(DesiredCondition.isTrue(ConditionType.MIGRATED, Reason.MIGRATION_COMPLETED,
                    "Meta took over from the Micro at " + migration.getCompletedTime() + "; the Micro's store is at "
                            + migration.getMicroStoreAside()));
        }
        boolean microDeclared = status.getMicro() != null;
        if (!microDeclared && migration == null) {
            return Optional.empty();
        }
        boolean managed = "meta".equals(status.getPrimary() == null ? null : status.getPrimary().getManagedBy())
                && "primary".equals(status.getMeta() == null ? null : status.getMeta().getManagedBy());
        if (managed && !migrating) {
            return Optional.of(DesiredCondition.isTrue(ConditionType.MIGRATED, Reason.PRIMARY_ON_META,
                    "Meta holds Primary's deployment and Primary holds Meta's: the pair no longer depends on the Micro"));
        }
        if (step instanceof Step.Blocked blocked) {
            return Optional.of(DesiredCondition.isFalse(ConditionType.MIGRATED, blocked.reason(), blocked.message()));
        }
        if (migrating) {
            return Optional.of(DesiredCondition.isFalse(ConditionType.MIGRATED, Reason.MIGRATING, "migration "
                    + operation.getId() + " at step " + operation.getStep()));
        }
        return Optional.of(DesiredCondition.isFalse(ConditionType.MIGRATED, Reason.NOT_MIGRATED,
                step instanceof Step.Wait wait ? wait.message() : "the migration from the Micro is about to start"));
    }

    private static String decidedPhase(BinaryBoshPairStatus status, Step step, boolean paused) {
        if (paused) {
            return Phase.PAUSED.wire();
        }
        if (Phase.INVALID.wire().equals(status.getPhase()) || Phase.PENDING.wire().equals(status.getPhase())) {
            return status.getPhase();
        }
        if (step instanceof Step.Blocked blocked && blocked.reason() == Reason.LOST) {
            return Phase.LOST.wire();
        }
        if (status.getOperation() != null && status.getOperation().is(OperationType.MIGRATION)
                || step instanceof Step.StartMigration) {
            return Phase.MIGRATING.wire();
        }
        boolean repairing = status.getOperation() != null
                && status.getOperation().is(OperationType.REPAIR)
                || step instanceof Step.StartRepair;
        if (repairing) {
            return Phase.REPAIRING.wire();
        }
        if (status.getOperation() != null && status.getOperation().is(OperationType.DEPLOY)
                || step instanceof Step.StartDeploy) {
            return Phase.UPDATING.wire();
        }
        boolean ready = Conditions.find(status.getConditions(), ConditionType.READY)
                .map(c -> "True".equals(c.getStatus())).orElse(false);
        return (ready ? Phase.MUTUALLY_MANAGED : Phase.DEGRADED).wire();
    }

    private static Optional<PairObservation> currentOnly(Optional<PairObservation> observation,
                                                         BinaryBoshPairSpec spec) {
        return observation.map(o -> new PairObservation(o.generation(),
                DirectorStatuses.current(observation, DirectorRole.PRIMARY, spec).orElse(null),
                DirectorStatuses.current(observation, DirectorRole.META, spec).orElse(null),
                DirectorStatuses.current(observation, DirectorRole.MICRO, spec).orElse(null), o.observedAt(), o.primaryManifest(),
                o.metaManifest()));
    }

    private static List<DirectorRole> declaredRoles(BinaryBoshPairSpec spec) {
        boolean micro = spec != null && spec.getBootstrap() != null && spec.getBootstrap().getMicro() != null;
        return micro ? List.of(DirectorRole.PRIMARY, DirectorRole.META, DirectorRole.MICRO)
                : List.of(DirectorRole.PRIMARY, DirectorRole.META);
    }

    private static DesiredCondition specValid(List<ConfigProblem> problems, boolean observed) {
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            String message = problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
            return DesiredCondition.isFalse(ConditionType.SPEC_VALID, first.reason(), message);
        }
        if (!observed) {
            return DesiredCondition.unknown(ConditionType.SPEC_VALID, Reason.AWAITING_OBSERVATION,
                    "the referenced Secrets have not been read yet");
        }
        return DesiredCondition.isTrue(ConditionType.SPEC_VALID, Reason.VALID,
                "the spec and the Secrets it references are valid");
    }

    private static DesiredCondition reachable(DirectorRole role, Optional<DirectorObservation> seen) {
        ConditionType type = ConditionType.reachable(role);
        if (seen.isEmpty()) {
            return DesiredCondition.unknown(type, Reason.AWAITING_OBSERVATION,
                    "the " + role.displayName() + " director has not been observed yet");
        }
        DirectorObservation o = seen.get();
        Optional<String> database = DatabaseFailure.of(o);
        if (database.isPresent()) {
            return DesiredCondition.isFalse(type, Reason.DATABASE_NOT_ANSWERING, database.get());
        }
        return switch (o.outcome()) {
            case REACHABLE -> DesiredCondition.isTrue(type, Reason.DIRECTOR_ANSWERED,
                    "director '" + o.info().name() + "' (" + o.info().version() + ") at " + o.url()
                            + " accepted the operator as '" + o.user() + "'");
            case CREDENTIALS_REJECTED -> DesiredCondition.isFalse(type, Reason.CREDENTIALS_REJECTED,
                    "the director at " + o.url() + " refused the credentials: " + o.detail());
            case UAA_UNAVAILABLE -> DesiredCondition.isFalse(type, Reason.UAA_UNAVAILABLE,
                    "the director at " + o.url() + " answers /info, but its UAA gives the operator no token: "
                            + o.detail() + ". The director is not unreachable: look at the UAA (monit summary on "
                            + "the director's VM, /var/vcap/sys/log/uaa/, port 8443 from the operator's pod)");
            case TLS_UNTRUSTED -> DesiredCondition.isFalse(type, Reason.CERTIFICATE_UNTRUSTED,
                    "the director at " + o.url() + " presented a certificate the configured CA does not verify: "
                            + o.detail());
            case UNREACHABLE -> DesiredCondition.isFalse(type, Reason.CONNECTION_FAILED,
                    "the director at " + o.url() + " did not answer: " + o.detail());
            case UNEXPECTED_RESPONSE -> DesiredCondition.isFalse(type, Reason.UNEXPECTED_RESPONSE,
                    "the director at " + o.url() + " gave an answer the operator cannot use: " + o.detail());
            case NOT_CONTACTED -> DesiredCondition.unknown(type, Reason.NOT_CONTACTED,
                    "not contacted until the spec is fixed: " + o.detail());
        };
    }

    /** Ready when every condition that makes the pair self-sufficient holds. */
    private static DesiredCondition ready(List<DesiredCondition> conditions) {
        List<String> missing = new ArrayList<>();
        Reason reason = null;
        for (DesiredCondition c : conditions) {
            boolean good = switch (c.type()) {
                case SPEC_VALID, PRIMARY_HEALTHY, META_HEALTHY, MUTUALLY_MANAGED -> "True".equals(c.status());
                case RESURRECTION_ENABLED -> "True".equals(c.status()) || c.reason() == Reason.DISABLED_IN_SPEC;
                case SPLIT_BRAIN -> "False".equals(c.status());
                default -> true;
            };
            if (!good) {
                missing.add(c.type() + " is " + c.status() + " (" + c.reason() + ")");
                reason = reason == null ? readyReason(c.type()) : reason;
            }
        }
        boolean checked = conditions.stream().anyMatch(c -> c.type() == ConditionType.MUTUALLY_MANAGED);
        if (!checked && missing.isEmpty()) {
            missing.add("the spec is not valid enough to check mutual management");
            reason = Reason.NOT_YET_MANAGED;
        }
        if (missing.isEmpty()) {
            return DesiredCondition.isTrue(ConditionType.READY, Reason.MUTUALLY_MANAGED,
                    "Primary and Meta manage and resurrect each other");
        }
        return DesiredCondition.isFalse(ConditionType.READY, reason, String.join("; ", missing));
    }

    private static Reason readyReason(ConditionType type) {
        return switch (type) {
            case SPEC_VALID -> Reason.SPEC_INVALID;
            case PRIMARY_HEALTHY -> Reason.PRIMARY_UNHEALTHY;
            case META_HEALTHY -> Reason.META_UNHEALTHY;
            case MUTUALLY_MANAGED -> Reason.NOT_MUTUALLY_MANAGED;
            case RESURRECTION_ENABLED -> Reason.RESURRECTION_NOT_ENABLED;
            case SPLIT_BRAIN -> Reason.SPLIT_BRAIN;
            default -> Reason.NOT_YET_MANAGED;
        };
    }

    private static String phase(List<ConfigProblem> problems, Optional<PairObservation> observation) {
        if (!problems.isEmpty()) {
            return Phase.INVALID.wire();
        }
        if (observation.isEmpty()) {
            return Phase.PENDING.wire();
        }
        // The decision sets the phase of an observed, valid pair (decided).
        return null;
    }
}
