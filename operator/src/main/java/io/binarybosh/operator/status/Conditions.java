package io.binarybosh.operator.status;

import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.DesiredCondition;
import io.binarybosh.operator.model.Timestamps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Merges desired conditions into the previous list, following the Kubernetes API conventions. */
public final class Conditions {

    private Conditions() {
    }

    /**
     * The desired conditions in the given order; {@code lastTransitionTime} is kept from the previous condition of
     * the same type unless its status changed.
     */
    public static List<Condition> merge(List<Condition> previous, List<DesiredCondition> desired, long generation,
                                        Instant now) {
        List<Condition> merged = new ArrayList<>(desired.size());
        for (DesiredCondition want : desired) {
            Optional<Condition> before = find(previous, want.type());
            String transitionTime = before.filter(c -> want.status().equals(c.getStatus()))
                    .map(Condition::getLastTransitionTime)
                    .orElse(Timestamps.format(now));
            merged.add(new ConditionBuilder()
                    .withType(want.type().wire())
                    .withStatus(want.status())
                    .withReason(want.reason().wire())
                    .withMessage(want.message())
                    .withObservedGeneration(generation)
                    .withLastTransitionTime(transitionTime)
                    .build());
        }
        return merged;
    }

    public static Optional<Condition> find(List<Condition> conditions, ConditionType type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.is(c.getType())).findFirst();
    }

    /** A condition of a type read back from the resource. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
