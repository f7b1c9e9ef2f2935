package io.binarybosh.operator.observe;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PairPhaseTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-12-04T12:00:00.123Z");

    @Test
    void thePhaseComesFromThePairsIdentityAlone() {
        ResourceID pair = new ResourceID("bosh", "ns");
        assertThat(PairPhase.of(pair, "poll")).isEqualTo(PairPhase.of(new ResourceID("bosh", "ns"), "poll"));
        assertThat(PairPhase.of(pair, "poll")).isNotEqualTo(PairPhase.of(pair, "primary/agent-check"));
        assertThat(PairPhase.of(pair, "poll")).isNotEqualTo(PairPhase.of(new ResourceID("bosh", "other"), "poll"));
    }

    @Test
    void aThousandPairsNamedAlikeSpreadOverTheInterval() {
        int[] tenths = new int[10];
        IntStream.range(0, 1000).forEach(i -> tenths[(int) (PairPhase.of(new ResourceID("pair-" + i, "bench"),
                "primary/agent-check").fraction() * 10)]++);
        assertThat(IntStream.of(tenths).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(60, 140));
    }

    @Test
    void slotsFallAtThePhaseOfEachInterval() {
        PairPhase phase = new PairPhase(0.25);
        Instant slot = phase.slotAtOrAfter(START, INTERVAL);
        assertThat(slot).isAfterOrEqualTo(START).isBefore(START.plus(INTERVAL));
        assertThat(slot.toEpochMilli() % INTERVAL.toMillis()).isEqualTo(INTERVAL.toMillis() / 4);
        assertThat(phase.slotAtOrAfter(slot, INTERVAL)).as("a slot is at or after itself").isEqualTo(slot);
        assertThat(phase.slotAtOrAfter(slot.plusMillis(1), INTERVAL)).isEqualTo(slot.plus(INTERVAL));
    }

    @Test
    void workDoneAtASlotIsNextDoneOneIntervalLaterAndWorkDoneElsewhereWithinOne() {
        PairPhase phase = PairPhase.of(new ResourceID("bosh", "ns"), "poll");
        Instant slot = phase.slotAtOrAfter(START, INTERVAL);
        assertThat(phase.nextAfter(slot, INTERVAL)).isEqualTo(slot.plus(INTERVAL));
        assertThat(phase.nextAfter(slot.plusSeconds(10), INTERVAL)).as("a poll that took 10 s keeps its slots")
                .isEqualTo(slot.plus(INTERVAL));
        for (int second = 0; second < 300; second += 7) {
            Instant last = START.plusSeconds(second);
            Duration gap = Duration.between(last, phase.nextAfter(last, INTERVAL));
            assertThat(gap).isPositive().isLessThanOrEqualTo(INTERVAL);
        }
    }
}
