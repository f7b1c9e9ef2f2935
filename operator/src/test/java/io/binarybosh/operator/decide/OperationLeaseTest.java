package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OperationLeaseTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");
    private static final String ME = "operator-7d9f-abcde/0a1b2c3d";
    private static final String OTHER = "operator-7d9f-fghij/99887766";
    private static final String MY_PREVIOUS_PROCESS = "operator-7d9f-abcde/44556677";
    private static final Step CONTINUE = new Step.ContinueOperation(Step.OperationAction.MIGRATE);

    @Test
    void noOperationOrNoHolderMayBeClaimed() {
        assertThat(OperationLease.of(null, ME, NOW).kind()).isEqualTo(OperationLease.Kind.NONE);
        OperationLease unheld = OperationLease.of(operation(null, null), ME, NOW);
        assertThat(unheld.kind()).isEqualTo(OperationLease.Kind.NONE);
        assertThat(unheld.mayAct()).isTrue();
        assertThat(unheld.claimDue()).isTrue();
    }

    @Test
    void anotherReplicasUnexpiredLeaseStopsTheActionUntilItExpires() {
        OperationStatus held = operation(OTHER, NOW.minusSeconds(20));
        OperationLease lease = OperationLease.of(held, ME, NOW);
        assertThat(lease.kind()).isEqualTo(OperationLease.Kind.HELD_BY_OTHER);
        assertThat(lease.mayAct()).isFalse();
        assertThat(lease.claimDue()).isFalse();
        assertThat(lease.expiry()).isEqualTo(NOW.plusSeconds(40));

        Step step = OperationLease.guard(CONTINUE, held, ME, NOW);
        assertThat(step).isInstanceOf(Step.Wait.class);
        Step.Wait wait = (Step.Wait) step;
        assertThat(wait.reason()).isEqualTo(Reason.OPERATION_HELD_BY_ANOTHER_REPLICA);
        assertThat(wait.message()).contains(OTHER).contains("m-1");
        assertThat(wait.recheckAfter()).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41));
    }

    @Test
    void anotherReplicasExpiredLeaseIsTakenOver() {
        OperationStatus held = operation(OTHER, NOW.minusSeconds(60));
        OperationLease lease = OperationLease.of(held, ME, NOW);
        assertThat(lease.kind()).isEqualTo(OperationLease.Kind.EXPIRED);
        assertThat(lease.claimDue()).isTrue();
        assertThat(OperationLease.guard(CONTINUE, held, ME, NOW)).isSameAs(CONTINUE);
    }

    @Test
    void theSamePodsPreviousProcessIsTakenOverAtOnce() {
        OperationStatus held = operation(MY_PREVIOUS_PROCESS, NOW.minusSeconds(1));
        OperationLease lease = OperationLease.of(held, ME, NOW);
        assertThat(lease.kind()).isEqualTo(OperationLease.Kind.PREVIOUS_INCARNATION);
        assertThat(lease.claimDue()).isTrue();
        assertThat(OperationLease.guard(CONTINUE, held, ME, NOW)).isSameAs(CONTINUE);
    }

    @Test
    void myLeaseIsRenewedOnlyOnceHalfOfItIsUsed() {
        assertThat(OperationLease.of(operation(ME, NOW.minusSeconds(29)), ME, NOW).kind())
                .isEqualTo(OperationLease.Kind.MINE);
        assertThat(OperationLease.of(operation(ME, NOW.minusSeconds(29)), ME, NOW).claimDue()).isFalse();
        assertThat(OperationLease.of(operation(ME, NOW.minusSeconds(30)), ME, NOW).kind())
                .isEqualTo(OperationLease.Kind.MINE_RENEW_DUE);
        assertThat(OperationLease.of(operation(ME, NOW.minusSeconds(90)), ME, NOW).claimDue()).isTrue();
    }

    @Test
    void waitsAndBlocksPassUnchangedWhoeverHoldsTheLease() {
        OperationStatus held = operation(OTHER, NOW);
        Step wait = new Step.Wait(Reason.STEADY, "nothing", Duration.ofSeconds(5));
        Step blocked = new Step.Blocked(Reason.AWAITING_APPROVAL, "approve it");
        assertThat(OperationLease.guard(wait, held, ME, NOW)).isSameAs(wait);
        assertThat(OperationLease.guard(blocked, held, ME, NOW)).isSameAs(blocked);
        Step finish = new Step.FinishOperation(OperationResult.SUCCEEDED, "done");
        assertThat(OperationLease.guard(finish, held, ME, NOW)).isInstanceOf(Step.Wait.class);
    }

    @Test
    void claimWritesHolderRenewTimeAndDuration() {
        OperationStatus operation = operation(OTHER, NOW.minusSeconds(120));
        OperationLease.claim(operation, ME, NOW);
        assertThat(operation.getHolder()).isEqualTo(ME);
        assertThat(operation.getLeaseRenewTime()).isEqualTo(Timestamps.format(NOW));
        assertThat(operation.getLeaseDurationSeconds()).isEqualTo((int) OperationLease.DURATION.toSeconds());
    }

    @Test
    void stampNamesTheHolderOfANewIntentAndRenewsOnlyAHalfUsedLease() {
        OperationStatus intent = operation(null, null);
        OperationLease.stamp(intent, ME, NOW);
        assertThat(intent.getHolder()).isEqualTo(ME);
        assertThat(intent.getLeaseRenewTime()).isEqualTo(Timestamps.format(NOW));

        OperationStatus fresh = operation(ME, NOW.minusSeconds(10));
        OperationLease.stamp(fresh, ME, NOW);
        assertThat(fresh.getLeaseRenewTime()).isEqualTo(Timestamps.format(NOW.minusSeconds(10)));

        OperationStatus halfUsed = operation(ME, NOW.minusSeconds(31));
        OperationLease.stamp(halfUsed, ME, NOW);
        assertThat(halfUsed.getLeaseRenewTime()).isEqualTo(Timestamps.format(NOW));

        OperationStatus others = operation(OTHER, NOW.minusSeconds(10));
        OperationLease.stamp(others, ME, NOW);
        assertThat(others.getHolder()).isEqualTo(OTHER);
    }

    private static OperationStatus operation(String holder, Instant renewed) {
        OperationStatus operation = new OperationStatus();
        operation.setId("m-1");
        operation.setType("Migration");
        operation.setStep("Copy");
        operation.setHolder(holder);
        if (renewed != null) {
            operation.setLeaseRenewTime(Timestamps.format(renewed));
            operation.setLeaseDurationSeconds(60);
        }
        return operation;
    }
}
