package io.binarybosh.operator.events;

import java.time.Instant;

/** An event waiting to be sent: how often it was recorded, first and last. */
public record PendingEvent(EventKey key, int count, Instant firstAt, Instant lastAt) {

    static PendingEvent first(EventKey key, Instant at) {
        return new PendingEvent(key, 1, at, at);
    }

    PendingEvent repeated(Instant at) {
        return new PendingEvent(key, count + 1, firstAt, at);
    }
}
