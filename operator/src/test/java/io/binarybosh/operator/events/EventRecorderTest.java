package io.binarybosh.operator.events;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording only queues; the sender writes in order, folded repeats once with their count, past any failure. */
class EventRecorderTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private final List<PendingEvent> written = new ArrayList<>();
    private final PendingEvents pending = new PendingEvents(100);

    private static BinaryBoshPair pair(String name) {
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.getMetadata().setName(name);
        pair.getMetadata().setNamespace("ns");
        pair.getMetadata().setUid(name + "-uid");
        return pair;
    }

    @Test
    void recordingWritesNothingAndTheSenderWritesInOrder() {
        EventRecorder recorder = new EventRecorder(pending, written::add, clock, false);

        recorder.normal(pair("a"), Reason.DIRECTOR_ANSWERED, "PrimaryReachable is True: answers");
        recorder.warning(pair("a"), Reason.CONNECTION_FAILED, "MetaReachable is False: refused");
        recorder.normal(pair("a"), Reason.DIRECTOR_ANSWERED, "PrimaryReachable is True: answers");

        assertThat(written).isEmpty();
        assertThat(recorder.sendPending()).isEqualTo(2);
        assertThat(written).extracting(e -> e.key().reason()).containsExactly("DirectorAnswered", "ConnectionFailed");
        assertThat(written.get(0).count()).isEqualTo(2);
        assertThat(written.get(0).key().object())
                .isEqualTo(new EventObject(BinaryBoshPair.GROUP + "/" + BinaryBoshPair.VERSION, "BinaryBoshPair", "ns", "a", "a-uid"));
        assertThat(written.get(1).key().type()).isEqualTo(EventKey.Type.WARNING);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aRefusedWriteIsGivenUpAndTheNextEventsAreStillWritten() {
        EventRecorder recorder = new EventRecorder(pending, event -> {
            if (event.key().reason().equals("RepairFailed")) {
                throw new KubernetesClientException("forbidden");
            }
            written.add(event);
        }, clock, false);
        recorder.normal(pair("a"), Reason.REPAIR_FAILED, "x");
        recorder.normal(pair("a"), Reason.REPAIR_STARTED, "y");

        assertThat(recorder.sendPending()).isEqualTo(2);
        assertThat(written).extracting(e -> e.key().reason()).containsExactly("RepairStarted");
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aLongMessageIsCut() {
        EventRecorder recorder = new EventRecorder(pending, written::add, clock, false);
        recorder.warning(pair("a"), Reason.COPY_FAILED, "x".repeat(5000));
        recorder.sendPending();
        assertThat(written.get(0).key().message()).hasSize(EventWriter.MAX_MESSAGE_LENGTH);
    }

    @Test
    void waitingForAPairWhoseEventsAreWrittenReturnsAtOnce() {
        EventRecorder recorder = new EventRecorder(pending, written::add, clock, false);
        recorder.normal(pair("a"), Reason.DEPLOY_STARTED, "x");
        recorder.sendPending();
        recorder.awaitSent(pair("a"));
        assertThat(recorder.flush()).isTrue();
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() {
        EventRecorder recorder = new EventRecorder(new PendingEvents(1), written::add, clock, false);
        recorder.normal(pair("a"), Reason.DEPLOY_STARTED, "x");
        recorder.normal(pair("a"), Reason.DEPLOY_SUCCEEDED, "y");
        assertThat(recorder.dropped()).isEqualTo(1);
        assertThat(recorder.sendPending()).isEqualTo(1);
    }
}
