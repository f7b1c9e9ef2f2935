package io.binarybosh.operator.events;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;

/** The operator's one {@link EventRecorder}, made with the API client of the first reconcile that records. */
public final class RecorderHolder implements AutoCloseable {

    private final Clock clock;
    private EventRecorder recorder;

    public RecorderHolder(Clock clock) {
        this.clock = clock;
    }

    public synchronized EventRecorder recorder(KubernetesClient client) {
        if (recorder == null) {
            recorder = new EventRecorder(client, clock);
        }
        return recorder;
    }

    /** Waits, a bounded time, until every event recorded so far is written; true when none is left. */
    public boolean flush() {
        EventRecorder current;
        synchronized (this) {
            current = recorder;
        }
        return current == null || current.flush();
    }

    /** Writes what is pending (bounded wait) and stops the sender. */
    @Override
    public void close() {
        EventRecorder current;
        synchronized (this) {
            current = recorder;
        }
        if (current != null) {
            current.close();
        }
    }
}
