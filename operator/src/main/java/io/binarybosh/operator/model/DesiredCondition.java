package io.binarybosh.operator.model;

/** A condition as the decision wants it, before timestamps are merged in. */
public record DesiredCondition(String type, String status, String reason, String message) {

    public static DesiredCondition isTrue(String type, String reason, String message) {
        return new DesiredCondition(type, "True", reason, message);
    }

    public static DesiredCondition isFalse(String type, String reason, String message) {
        return new DesiredCondition(type, "False", reason, message);
    }

    public static DesiredCondition unknown(String type, String reason, String message) {
        return new DesiredCondition(type, "Unknown", reason, message);
    }
}
