package io.binarybosh.operator.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PendingEventsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final EventObject PAIR = new EventObject("binarybosh.io/v1alpha1", "BinaryBoshPair", "ns", "a", "u1");
    private static final EventObject OTHER = new EventObject("binarybosh.io/v1alpha1", "BinaryBoshPair", "ns", "b", "u2");

    private static EventKey normal(EventObject object, String reason) {
        return new EventKey(object, EventKey.Type.NORMAL, reason, reason + " happened");
    }

    private static EventKey warning(EventObject object, String reason) {
        return new EventKey(object, EventKey.Type.WARNING, reason, reason + " happened");
    }

    private static List<String> reasons(PendingEvents events) {
        return events.snapshot().stream().map(e -> e.key().reason()).toList();
    }

    @Test
    void eventsWaitInTheOrderRecordedAndARepeatIsFoldedIntoThePendingOne() {
        PendingEvents events = new PendingEvents(10);
        events.offer(normal(PAIR, "A"), T0);
        events.offer(warning(PAIR, "B"), T0.plusSeconds(1));
        events.offer(normal(PAIR, "A"), T0.plusSeconds(2));

        assertThat(reasons(events)).containsExactly("A", "B");
        PendingEvent folded = events.snapshot().get(0);
        assertThat(folded.count()).isEqualTo(2);
        assertThat(folded.firstAt()).isEqualTo(T0);
        assertThat(folded.lastAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void theSameReasonWithAnotherMessageOrAboutAnotherObjectIsAnotherEvent() {
        PendingEvents events = new PendingEvents(10);
        events.offer(normal(PAIR, "A"), T0);
        events.offer(new EventKey(PAIR, EventKey.Type.NORMAL, "A", "something else"), T0);
        events.offer(normal(OTHER, "A"), T0);

        assertThat(events.size()).isEqualTo(3);
    }

    @Test
    void whenFullANormalEventIsDroppedAndAWarningTakesTheOldestNormalEventsPlace() {
        PendingEvents events = new PendingEvents(2);
        assertThat(events.offer(normal(PAIR, "A"), T0)).isTrue();
        assertThat(events.offer(warning(PAIR, "B"), T0)).isTrue();

        assertThat(events.offer(normal(PAIR, "C"), T0)).isFalse();
        assertThat(events.offer(warning(PAIR, "D"), T0)).isTrue();
        assertThat(reasons(events)).containsExactly("B", "D");
        assertThat(events.dropped()).isEqualTo(2);

        assertThat(events.offer(warning(PAIR, "E"), T0)).as("no Normal event left to drop").isFalse();
        assertThat(events.offer(warning(PAIR, "D"), T0)).as("a repeat needs no room").isTrue();
        assertThat(reasons(events)).containsExactly("B", "D");
        assertThat(events.dropped()).isEqualTo(3);
    }

    @Test
    void anObjectsEventsAreHeldUntilTheSenderIsDoneWithThem() throws InterruptedException {
        PendingEvents events = new PendingEvents(10);
        events.offer(normal(PAIR, "A"), T0);
        events.offer(normal(OTHER, "B"), T0);

        PendingEvent taken = events.take(0).orElseThrow();

        assertThat(taken.key().reason()).isEqualTo("A");
        assertThat(events.holds(PAIR)).as("taken, not yet sent").isTrue();
        events.sent(taken);
        assertThat(events.holds(PAIR)).isFalse();
        assertThat(events.awaitSent(PAIR, 0)).isTrue();
        assertThat(events.holds(OTHER)).isTrue();
        assertThat(events.awaitSent(OTHER, 0)).isFalse();
        assertThat(events.isEmpty()).isFalse();
    }

    @Test
    void aFoldedRepeatOrADroppedEventIsNoLongerHeldOnceTheRestIsSent() throws InterruptedException {
        PendingEvents events = new PendingEvents(1);
        events.offer(normal(PAIR, "A"), T0);
        events.offer(normal(PAIR, "A"), T0);
        events.offer(warning(OTHER, "W"), T0);

        assertThat(events.holds(PAIR)).as("its one event made room for the Warning").isFalse();
        PendingEvent taken = events.take(0).orElseThrow();
        events.sent(taken);
        assertThat(events.isEmpty()).isTrue();
        assertThat(events.holds(OTHER)).isFalse();
    }

    @Test
    void takingFromAnEmptyQueueWithoutWaitingFindsNothing() throws InterruptedException {
        assertThat(new PendingEvents(1).take(0)).isEmpty();
    }
}
