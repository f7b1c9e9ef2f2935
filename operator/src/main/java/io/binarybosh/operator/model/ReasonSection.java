package io.binarybosh.operator.model;

import java.util.List;

/**
 * Where a {@link Reason} is written, and so where docs/troubleshooting.md explains it: with the condition types of
 * a section, as the reason of a Wait step (the Blocked condition's message, the log's {@code step=Wait:<reason>}),
 * or as an event of its own.
 */
public enum ReasonSection {
    SPEC_VALID("spec-valid", ConditionType.SPEC_VALID),
    REACHABLE("reachable", ConditionType.PRIMARY_REACHABLE, ConditionType.META_REACHABLE,
            ConditionType.MICRO_REACHABLE),
    HEALTHY("healthy", ConditionType.PRIMARY_HEALTHY, ConditionType.META_HEALTHY),
    MUTUALLY_MANAGED("mutually-managed", ConditionType.MUTUALLY_MANAGED),
    RESURRECTION_ENABLED("resurrection-enabled", ConditionType.RESURRECTION_ENABLED),
    SPLIT_BRAIN("split-brain", ConditionType.SPLIT_BRAIN),
    /** A refusal or a stopped step of the migration is also the reason of Blocked=True. */
    MIGRATED("migrated", ConditionType.MIGRATED),
    PAUSED("paused", ConditionType.PAUSED),
    READY("ready", ConditionType.READY),
    BLOCKED("blocked", ConditionType.BLOCKED),
    RECONCILED("reconciled", ConditionType.RECONCILED),
    /** What the operator waits for while Blocked is False. */
    WAITING("waiting"),
    /** Events that announce what the operator did (a condition's transition is an event with its reason). */
    EVENTS("events");

    private final String region;
    private final List<ConditionType> conditionTypes;

    ReasonSection(String region, ConditionType... conditionTypes) {
        this.region = region;
        this.conditionTypes = List.of(conditionTypes);
    }

    /** The name of the generated region of docs/troubleshooting.md that lists the section's reasons. */
    public String region() {
        return region;
    }

    /** The condition types whose reason this section's reasons are; none for waits and events. */
    public List<ConditionType> conditionTypes() {
        return conditionTypes;
    }
}
