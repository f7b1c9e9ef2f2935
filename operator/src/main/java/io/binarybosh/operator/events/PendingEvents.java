package io.binarybosh.operator.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events recorded and not yet sent, oldest first, at most {@code capacity} of them. A repeat of a pending event
 * (same object, type, reason and message) is folded into it (its count and last time grow), as client-go's event
 * correlator does. When full, a Warning makes room by dropping the oldest pending Normal event; a Normal event that
 * finds no room is dropped. Each drop is counted. Thread-safe; {@link #offer} never waits.
 */
public final class PendingEvents {

    private final int capacity;
    private final Map<EventKey, PendingEvent> pending = new LinkedHashMap<>();
    /** How many events about each object wait or are being sent: what {@link #holds} answers from. */
    private final Map<EventObject, Integer> held = new java.util.HashMap<>();
    private long dropped;

    public PendingEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** @return false when the event was dropped */
    public synchronized boolean offer(EventKey key, Instant at) {
        PendingEvent same = pending.get(key);
        if (same != null) {
            pending.put(key, same.repeated(at));
            return true;
        }
        if (pending.size() >= capacity && !(key.warning() && dropOldestNormal())) {
            dropped++;
            return false;
        }
        pending.put(key, PendingEvent.first(key, at));
        held.merge(key.object(), 1, Integer::sum);
        notifyAll();
        return true;
    }

    /**
     * Takes the oldest pending event, waiting up to {@code waitMillis} for one (the sender calls {@link #sent}
     * when done with it); empty when none came.
     */
    public synchronized Optional<PendingEvent> take(long waitMillis) throws InterruptedException {
        if (pending.isEmpty() && waitMillis > 0) {
            wait(waitMillis);
        }
        Iterator<PendingEvent> oldest = pending.values().iterator();
        if (!oldest.hasNext()) {
            return Optional.empty();
        }
        PendingEvent event = oldest.next();
        oldest.remove();
        return Optional.of(event);
    }

    /** The sender is done with an event it took (written, or given up). */
    public synchronized void sent(PendingEvent event) {
        release(event.key().object());
        notifyAll();
    }

    /** Whether an event about {@code object} is still pending or being sent. */
    public synchronized boolean holds(EventObject object) {
        return held.containsKey(object);
    }

    /** Waits up to {@code waitMillis} until nothing about {@code object} (every object when null) is left. */
    public synchronized boolean awaitSent(EventObject object, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (object == null ? !isEmpty() : holds(object)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public synchronized boolean isEmpty() {
        return held.isEmpty();
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** The pending events, oldest first, without taking them. */
    public synchronized List<PendingEvent> snapshot() {
        return new ArrayList<>(pending.values());
    }

    private void release(EventObject object) {
        held.computeIfPresent(object, (o, count) -> count == 1 ? null : count - 1);
    }

    private boolean dropOldestNormal() {
        Iterator<EventKey> keys = pending.keySet().iterator();
        while (keys.hasNext()) {
            EventKey key = keys.next();
            if (!key.warning()) {
                keys.remove();
                release(key.object());
                dropped++;
                return true;
            }
        }
        return false;
    }
}
