package io.binarybosh.operator.status;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCalculatorTest {

    private static final String PRIMARY = "https://127.0.0.11:25555";
    private static final String META = "https://127.0.0.12:25555";
    private static final String MICRO = "https://127.0.0.13:25555";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final StatusCalculator calculator = new StatusCalculator();
    private final BinaryBoshPair pair = TestPairs.pair(PRIMARY, META);

    private static DirectorObservation answered(DirectorRole role, String url, Instant at) {
        DirectorInfo info = new DirectorInfo(role.fieldName() + "-bosh", "uuid-" + role.fieldName(), "283.1.6 (00000000)",
                "admin", "warden_cpi", new UserAuthentication("basic", null, List.of()));
        return new DirectorObservation(role, url, Outcome.REACHABLE, info, "admin", null, null, at, at, null, null);
    }

    private static DirectorObservation failed(DirectorRole role, String url, Outcome outcome, Instant at,
                                              Instant lastAnswered) {
        DirectorInfo info = outcome == Outcome.CREDENTIALS_REJECTED
                ? new DirectorInfo(role.fieldName() + "-bosh", "uuid", "283.1.6", null, "cpi",
                new UserAuthentication("basic", null, List.of())) : null;
        return new DirectorObservation(role, url, outcome, info, null, null, "detail of " + outcome, at, lastAnswered,
                null, null);
    }

    private BinaryBoshPairStatus statusOf(BinaryBoshPair pair, Optional<PairObservation> observation,
                                          List<ConfigProblem> problems, Instant now) {
        return calculator.calculate(pair, observation, problems, false, now).status();
    }

    private BinaryBoshPairStatus calculate(Optional<PairObservation> observation, Instant now) {
        BinaryBoshPairStatus status = statusOf(pair, observation, List.of(), now);
        pair.setStatus(status);
        return status;
    }

    private static Condition condition(BinaryBoshPairStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow();
    }

    @Test
    void beforeAnyObservationEverythingIsUnknownAndPending() {
        BinaryBoshPairStatus status = calculate(Optional.empty(), T0);
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(condition(status, "SpecValid").getStatus()).isEqualTo("Unknown");
        assertThat(condition(status, "PrimaryReachable").getStatus()).isEqualTo("Unknown");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "MutuallyManaged").getStatus()).isEqualTo("Unknown");
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("Ready", "SpecValid", "PrimaryReachable", "MetaReachable", "PrimaryHealthy",
                        "MetaHealthy", "MutuallyManaged", "ResurrectionEnabled", "SplitBrain", "Paused");
    }

    @Test
    void bothReachable() {
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0), answered(DirectorRole.META, META, T0), null, T0)), T0);
        assertThat(status.getPhase()).as("an observed, valid pair gets its phase from the decision").isNull();
        assertThat(condition(status, "SpecValid").getStatus()).isEqualTo("True");
        assertThat(condition(status, "PrimaryReachable").getStatus()).isEqualTo("True");
        assertThat(condition(status, "PrimaryReachable").getReason()).isEqualTo("DirectorAnswered");
        assertThat(condition(status, "MetaReachable").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).as("these directors told nothing beyond /info")
                .isEqualTo("NotMutuallyManaged");
        assertThat(condition(status, "PrimaryHealthy").getStatus()).isEqualTo("True");
        assertThat(status.getPrimary().getName()).isEqualTo("primary-bosh");
        assertThat(status.getPrimary().getUuid()).isEqualTo("uuid-primary");
        assertThat(status.getPrimary().getVersion()).isEqualTo("283.1.6 (00000000)");
        assertThat(status.getPrimary().getUser()).isEqualTo("admin");
        assertThat(status.getPrimary().getAuthType()).isEqualTo("basic");
        assertThat(status.getPrimary().getReachable()).isTrue();
        assertThat(status.getPrimary().getState()).isEqualTo("Reachable");
        assertThat(status.getPrimary().getLastSeenTime()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(status.getPrimary().getLastError()).isNull();
        assertThat(status.getMicro()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"CREDENTIALS_REJECTED", "TLS_UNTRUSTED", "UNREACHABLE",
            "UNEXPECTED_RESPONSE"})
    void eachFailureHasItsOwnReasonAndState(Outcome outcome) {
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                failed(DirectorRole.PRIMARY, PRIMARY, outcome, T0, null), answered(DirectorRole.META, META, T0), null,
                T0)), T0);
        Condition reachable = condition(status, "PrimaryReachable");
        assertThat(reachable.getStatus()).isEqualTo("False");
        String expectedReason = switch (outcome) {
            case CREDENTIALS_REJECTED -> "CredentialsRejected";
            case TLS_UNTRUSTED -> "CertificateUntrusted";
            case UNREACHABLE -> "ConnectionFailed";
            default -> "UnexpectedResponse";
        };
        String expectedState = switch (outcome) {
            case CREDENTIALS_REJECTED -> "Unauthenticated";
            case TLS_UNTRUSTED -> "Untrusted";
            case UNREACHABLE -> "Unreachable";
            default -> "BadResponse";
        };
        assertThat(reachable.getReason()).isEqualTo(expectedReason);
        assertThat(reachable.getMessage()).contains(PRIMARY).contains("detail of " + outcome);
        assertThat(status.getPrimary().getState()).isEqualTo(expectedState);
        assertThat(status.getPrimary().getLastError()).isEqualTo("detail of " + outcome);
        assertThat(status.getPrimary().getReachable()).isEqualTo(outcome == Outcome.CREDENTIALS_REJECTED);
        assertThat(status.getPhase()).as("an observed, valid pair gets its phase from the decision").isNull();
        assertThat(condition(status, "SpecValid").getStatus()).isEqualTo("True");
    }

    @Test
    void configProblemMakesSpecInvalidAndTheDirectorUncontacted() {
        ConfigProblem missing = new ConfigProblem(Reason.SECRET_NOT_FOUND, "spec.meta.caSecretRef: Secret 'meta' not found");
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0),
                DirectorObservation.notContacted(DirectorRole.META, META, missing, T0, null), null, T0)), T0);
        assertThat(condition(status, "SpecValid").getStatus()).isEqualTo("False");
        assertThat(condition(status, "SpecValid").getReason()).isEqualTo("SecretNotFound");
        assertThat(condition(status, "SpecValid").getMessage()).contains("Secret 'meta' not found");
        assertThat(condition(status, "MetaReachable").getStatus()).isEqualTo("Unknown");
        assertThat(condition(status, "MetaReachable").getReason()).isEqualTo("NotContacted");
        assertThat(status.getMeta().getState()).isEqualTo("Invalid");
        assertThat(status.getPhase()).isEqualTo("Invalid");
    }

    @Test
    void specProblemsFromTheValidatorComeFirst() {
        BinaryBoshPairStatus status = statusOf(pair, Optional.empty(),
                List.of(new ConfigProblem(Reason.SAME_DIRECTOR_TWICE, "same")), T0);
        assertThat(condition(status, "SpecValid").getReason()).isEqualTo("SameDirectorTwice");
        assertThat(status.getPhase()).isEqualTo("Invalid");
    }

    @Test
    void sameObservationAgainGivesAnEqualStatus() {
        PairObservation seen = new PairObservation(1, answered(DirectorRole.PRIMARY, PRIMARY, T0),
                answered(DirectorRole.META, META, T0), null, T0);
        BinaryBoshPairStatus first = calculate(Optional.of(seen), T0);
        Instant later = T0.plusSeconds(15);
        PairObservation again = new PairObservation(1, answered(DirectorRole.PRIMARY, PRIMARY, later),
                answered(DirectorRole.META, META, later), null, later);
        BinaryBoshPairStatus second = statusOf(pair, Optional.of(again), List.of(), later);
        KubernetesSerialization serialization = new KubernetesSerialization();
        assertThat(serialization.asJson(second)).isEqualTo(serialization.asJson(first));
        assertThat(SerializedStatus.same(serialization, second, first)).as("so it is not written again").isTrue();
    }

    @Test
    void lastSeenTimeIsRefreshedOnlyAfterTheRefreshPeriod() {
        calculate(Optional.of(new PairObservation(1, answered(DirectorRole.PRIMARY, PRIMARY, T0),
                answered(DirectorRole.META, META, T0), null, T0)), T0);
        Instant later = T0.plus(DirectorStatuses.LAST_SEEN_REFRESH).plusSeconds(1);
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, later), answered(DirectorRole.META, META, later), null,
                later)), later);
        assertThat(status.getPrimary().getLastSeenTime()).isEqualTo("2026-11-25T10:05:01Z");
    }

    @Test
    void lastSeenTimeIsExactWhenTheDirectorStopsAnswering() {
        calculate(Optional.of(new PairObservation(1, answered(DirectorRole.PRIMARY, PRIMARY, T0),
                answered(DirectorRole.META, META, T0), null, T0)), T0);
        Instant lastAnswer = T0.plusSeconds(120);
        Instant now = T0.plusSeconds(135);
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                failed(DirectorRole.PRIMARY, PRIMARY, Outcome.UNREACHABLE, now, lastAnswer),
                answered(DirectorRole.META, META, now), null, now)), now);
        assertThat(status.getPrimary().getLastSeenTime()).isEqualTo("2026-11-25T10:02:00Z");
        assertThat(status.getPrimary().getName()).as("identity kept through an outage").isEqualTo("primary-bosh");
    }

    @Test
    void lastTransitionTimeChangesOnlyOnATransition() {
        calculate(Optional.of(new PairObservation(1, answered(DirectorRole.PRIMARY, PRIMARY, T0),
                answered(DirectorRole.META, META, T0), null, T0)), T0);
        Instant t1 = T0.plusSeconds(30);
        BinaryBoshPairStatus down = calculate(Optional.of(new PairObservation(1,
                failed(DirectorRole.PRIMARY, PRIMARY, Outcome.UNREACHABLE, t1, T0),
                answered(DirectorRole.META, META, t1), null, t1)), t1);
        assertThat(condition(down, "PrimaryReachable").getLastTransitionTime()).isEqualTo("2026-11-25T10:00:30Z");
        assertThat(condition(down, "MetaReachable").getLastTransitionTime()).isEqualTo("2026-11-25T10:00:00Z");
        Instant t2 = T0.plusSeconds(60);
        BinaryBoshPairStatus stillDown = calculate(Optional.of(new PairObservation(1,
                failed(DirectorRole.PRIMARY, PRIMARY, Outcome.UNREACHABLE, t2, T0),
                answered(DirectorRole.META, META, t2), null, t2)), t2);
        assertThat(condition(stillDown, "PrimaryReachable").getLastTransitionTime())
                .isEqualTo("2026-11-25T10:00:30Z");
    }

    @Test
    void anObservationOfAnOldUrlIsNotTakenForTheNewOne() {
        pair.getSpec().getPrimary().setUrl("https://127.0.0.21:25555");
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0), answered(DirectorRole.META, META, T0), null, T0)), T0);
        assertThat(condition(status, "PrimaryReachable").getStatus()).isEqualTo("Unknown");
        assertThat(condition(status, "PrimaryReachable").getReason()).isEqualTo("AwaitingObservation");
        assertThat(status.getPrimary().getUrl()).isEqualTo("https://127.0.0.21:25555");
        assertThat(status.getPrimary().getState()).isEqualTo("Unknown");
    }

    @Test
    void microHasItsConditionWhileDeclared() {
        TestPairs.withMicro(pair, MICRO);
        BinaryBoshPairStatus status = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0), answered(DirectorRole.META, META, T0),
                answered(DirectorRole.MICRO, MICRO, T0), T0)), T0);
        assertThat(condition(status, "MicroReachable").getStatus()).isEqualTo("True");
        assertThat(status.getMicro().getName()).isEqualTo("micro-bosh");
        pair.getSpec().setBootstrap(null);
        BinaryBoshPairStatus without = calculate(Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0), answered(DirectorRole.META, META, T0), null, T0)), T0);
        assertThat(Conditions.find(without.getConditions(), "MicroReachable")).isEmpty();
        assertThat(without.getMicro()).isNull();
    }

    @Test
    void transitionsBecomeEventsOnlyWhenSomethingChanged() {
        BinaryBoshPairStatus initial = calculate(Optional.empty(), T0);
        assertThat(ConditionTransition.between(List.of(), initial.getConditions()))
                .extracting(ConditionTransition::type).containsExactly("Ready", "Paused");
        BinaryBoshPairStatus up = statusOf(pair, Optional.of(new PairObservation(1,
                answered(DirectorRole.PRIMARY, PRIMARY, T0), answered(DirectorRole.META, META, T0), null, T0)),
                List.of(), T0);
        assertThat(ConditionTransition.between(initial.getConditions(), up.getConditions()))
                .extracting(ConditionTransition::type)
                .containsExactly("Ready", "SpecValid", "PrimaryReachable", "MetaReachable", "PrimaryHealthy",
                        "MetaHealthy", "MutuallyManaged", "SplitBrain");
        assertThat(ConditionTransition.between(up.getConditions(), up.getConditions())).isEmpty();
        assertThat(ConditionTransition.between(List.of(), up.getConditions()))
                .as("a new pair's first look: only Ready's first value and the bad news (no deployment of either "
                        + "director seen, so neither is shown to manage the other)")
                .filteredOn(transition -> !transition.isNoise())
                .extracting(ConditionTransition::type).containsExactly("Ready", "MutuallyManaged");
        pair.setStatus(up);
        Instant t1 = T0.plus(Duration.ofSeconds(15));
        BinaryBoshPairStatus down = statusOf(pair, Optional.of(new PairObservation(1,
                failed(DirectorRole.PRIMARY, PRIMARY, Outcome.UNREACHABLE, t1, T0),
                answered(DirectorRole.META, META, t1), null, t1)), List.of(), t1);
        List<ConditionTransition> transitions = ConditionTransition.between(up.getConditions(), down.getConditions());
        assertThat(transitions).as("Healthy waits unreachableAfter before it turns").singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("PrimaryReachable");
            assertThat(t.fromStatus()).isEqualTo("True");
            assertThat(t.toStatus()).isEqualTo("False");
            assertThat(t.reason().wire()).isEqualTo("ConnectionFailed");
            assertThat(t.isWarning()).isTrue();
            assertThat(t.isNoise()).isFalse();
        });
        assertThat(ConditionTransition.between(List.of(), down.getConditions()))
                .as("a new pair's first look, Primary silent: its first value is bad news")
                .filteredOn(transition -> !transition.isNoise())
                .extracting(ConditionTransition::type).containsExactly("Ready", "PrimaryReachable", "MutuallyManaged");
    }
}
