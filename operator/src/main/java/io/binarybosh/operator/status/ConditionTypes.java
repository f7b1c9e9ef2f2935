package io.binarybosh.operator.status;

import io.binarybosh.operator.model.DirectorRole;

/** The condition types this operator writes. */
public final class ConditionTypes {

    public static final String SPEC_VALID = "SpecValid";
    public static final String READY = "Ready";
    public static final String PAUSED = "Paused";
    public static final String MIGRATED = "Migrated";
    public static final String BLOCKED = "Blocked";
    /** Present (False) only after a reconcile that ended in an unexpected exception. */
    public static final String RECONCILED = "Reconciled";

    private ConditionTypes() {
    }

    public static String reachable(DirectorRole role) {
        return role.displayName() + "Reachable";
    }
}
