package io.binarybosh.operator.reconcile;

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

    /** False is a warning, except for conditions that are False only because work lies ahead. */
    public boolean isWarning() {
        return "False".equals(toStatus) && !ConditionReasons.NOT_YET_MANAGED.equals(reason);
    }
}
