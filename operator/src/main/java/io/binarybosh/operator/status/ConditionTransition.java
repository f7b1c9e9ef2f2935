package io.binarybosh.operator.status;

import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A condition whose status or reason changed: each becomes one event. */
public record ConditionTransition(String type, String fromStatus, String toStatus, String reason, String message) {

    /** Transitions into Unknown are not announced: they mean "not looked at yet", not news. */
    public static List<ConditionTransition> between(List<Condition> before, List<Condition> after) {
        List<ConditionTransition> transitions = new ArrayList<>();
        for (Condition now : after) {
            Optional<Condition> previous = Conditions.find(before, now.getType());
            boolean changed = previous.isEmpty()
                    || !previous.get().getStatus().equals(now.getStatus())
                    || !previous.get().getReason().equals(now.getReason());
            if (changed && !"Unknown".equals(now.getStatus())) {
                transitions.add(new ConditionTransition(now.getType(),
                        previous.map(Condition::getStatus).orElse("Unknown"), now.getStatus(), now.getReason(),
                        now.getMessage()));
            }
        }
        return transitions;
    }

    /** Conditions for which True is the bad news. */
    private static final java.util.Set<String> NEGATIVE = java.util.Set.of("SplitBrain", "Blocked");

    /**
     * A warning when things got worse: a negative condition turned True, a positive one turned False (Ready only
     * when it had been True, so that a new pair does not start with a warning; Paused is never a warning).
     */
    public boolean isWarning() {
        if (ConditionTypes.PAUSED.equals(type)) {
            return false;
        }
        if (NEGATIVE.contains(type)) {
            return "True".equals(toStatus);
        }
        if (ConditionTypes.READY.equals(type)) {
            return "False".equals(toStatus) && "True".equals(fromStatus);
        }
        return "False".equals(toStatus) && !ConditionReasons.NOT_YET_MANAGED.equals(reason);
    }

    /** Transitions of negative conditions back to False, and of Blocked at all when it only says "not blocked". */
    public boolean isNoise() {
        return ConditionTypes.BLOCKED.equals(type) && "False".equals(toStatus) && "Unknown".equals(fromStatus);
    }
}
