package io.binarybosh.operator.status;

import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.Reason;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A condition whose status or reason changed: each becomes one event. */
public record ConditionTransition(String type, String fromStatus, String toStatus, Reason reason, String message) {

    /**
     * Transitions into Unknown are not announced: they mean "not looked at yet", not news. Nor is a condition
     * whose reason this version does not write (left by another version): this version did not change it.
     */
    public static List<ConditionTransition> between(List<Condition> before, List<Condition> after) {
        List<ConditionTransition> transitions = new ArrayList<>();
        for (Condition now : after) {
            Optional<Condition> previous = Conditions.find(before, now.getType());
            boolean changed = previous.isEmpty()
                    || !previous.get().getStatus().equals(now.getStatus())
                    || !previous.get().getReason().equals(now.getReason());
            Optional<Reason> reason = Reason.fromWire(now.getReason());
            if (changed && !"Unknown".equals(now.getStatus()) && reason.isPresent()) {
                transitions.add(new ConditionTransition(now.getType(),
                        previous.map(Condition::getStatus).orElse("Unknown"), now.getStatus(), reason.get(),
                        now.getMessage()));
            }
        }
        return transitions;
    }


    /**
     * A warning when things got worse: a negative condition turned True, a positive one turned False (Ready only
     * when it had been True, so that a new pair does not start with a warning; Paused is never a warning).
     */
    public boolean isWarning() {
        if (ConditionType.PAUSED.is(type)) {
            return false;
        }
        // conditions for which True is the bad news
        if (ConditionType.SPLIT_BRAIN.is(type) || ConditionType.BLOCKED.is(type)) {
            return "True".equals(toStatus);
        }
        if (ConditionType.READY.is(type)) {
            return "False".equals(toStatus) && "True".equals(fromStatus);
        }
        return "False".equals(toStatus) && reason != Reason.NOT_YET_MANAGED;
    }

    /**
     * A condition's first known value when it is no bad news, unless the condition is Ready: a new pair's ten or so
     * first values would each be an event ("PrimaryReachable is True", "Paused is False", ...), and Ready's first
     * value sums them up. Warnings and every change from one known value to another are announced.
     */
    public boolean isNoise() {
        return "Unknown".equals(fromStatus) && !isWarning() && !ConditionType.READY.is(type);
    }
}
