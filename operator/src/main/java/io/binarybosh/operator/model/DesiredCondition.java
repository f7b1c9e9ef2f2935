package io.binarybosh.operator.model;

/** A condition as the decision wants it, before timestamps are merged in. */
public record DesiredCondition(ConditionType type, String status, Reason reason, String message) {

    public static DesiredCondition isTrue(ConditionType type, Reason reason, String message) {
        return new DesiredCondition(type, "True", reason, message);
    }

    public static DesiredCondition isFalse(ConditionType type, Reason reason, String message) {
        return new DesiredCondition(type, "False", reason, message);
    }

    public static DesiredCondition unknown(ConditionType type, Reason reason, String message) {
        return new DesiredCondition(type, "Unknown", reason, message);
    }
}
