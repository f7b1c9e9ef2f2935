package io.binarybosh.operator.events;

import java.util.Objects;

/** What makes two events the same event: their object, type, reason and message. */
public record EventKey(EventObject object, Type type, String reason, String message) {

    /** An event's type, as core/v1 Events spell it. */
    public enum Type {
        NORMAL("Normal"),
        WARNING("Warning");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public EventKey {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public boolean warning() {
        return type == Type.WARNING;
    }
}
