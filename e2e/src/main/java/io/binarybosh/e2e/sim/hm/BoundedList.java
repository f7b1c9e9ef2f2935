package io.binarybosh.e2e.sim.hm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the latest entries only, so a world left running for hours does not grow without bound. */
final class BoundedList<T> {
    private final int capacity;
    private final Deque<T> entries = new ArrayDeque<>();

    BoundedList(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T value) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(value);
    }

    synchronized List<T> snapshot() {
        return List.copyOf(entries);
    }
}
