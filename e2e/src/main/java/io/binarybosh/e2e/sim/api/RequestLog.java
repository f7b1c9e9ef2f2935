package io.binarybosh.e2e.sim.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last requests received on one director address, so tests can check what a client sent. */
public final class RequestLog {
    private static final int CAPACITY = 10_000;
    private final Deque<RecordedRequest> entries = new ArrayDeque<>();

    public synchronized void add(RecordedRequest request) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    public synchronized List<RecordedRequest> all() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
