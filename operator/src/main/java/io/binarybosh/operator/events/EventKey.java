package io.binarybosh.operator.events;

import java.util.Objects;

/** What makes two events the same event: their object, type, reason and message. */
public record EventKey(EventObject object, String type, String reason, String message) {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    public EventKey {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public boolean warning() {
        return WARNING.equals(type);
    }
}
