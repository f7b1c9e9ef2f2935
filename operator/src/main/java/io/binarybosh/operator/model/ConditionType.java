package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** The types of status.conditions the operator writes, each written as its own string (SpecValid, MetaHealthy). */
public enum ConditionType implements WireName {
    READY("Ready"),
    SPEC_VALID("SpecValid"),
    PRIMARY_REACHABLE("PrimaryReachable"),
    META_REACHABLE("MetaReachable"),
    /** Only while a bootstrap Micro is declared. */
    MICRO_REACHABLE("MicroReachable"),
    PRIMARY_HEALTHY("PrimaryHealthy"),
    META_HEALTHY("MetaHealthy"),
    MUTUALLY_MANAGED("MutuallyManaged"),
    RESURRECTION_ENABLED("ResurrectionEnabled"),
    SPLIT_BRAIN("SplitBrain"),
    BLOCKED("Blocked"),
    PAUSED("Paused"),
    /** Only while a bootstrap Micro is declared or a migration ran. */
    MIGRATED("Migrated"),
    /** Present (False) only after a reconcile that ended in an unexpected exception. */
    RECONCILED("Reconciled");

    private final String wire;

    ConditionType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    public static Optional<ConditionType> fromWire(String wire) {
        return WireName.lookup(ConditionType.class, wire);
    }

    /** Whether {@code wire} is this type's string: for conditions read back from the resource. */
    public boolean is(String wire) {
        return this.wire.equals(wire);
    }

    public static ConditionType reachable(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_REACHABLE;
            case META -> META_REACHABLE;
            case MICRO -> MICRO_REACHABLE;
        };
    }

    /** Primary's and Meta's health; the Micro has none (nothing repairs it). */
    public static ConditionType healthy(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_HEALTHY;
            case META -> META_HEALTHY;
            case MICRO -> throw new IllegalArgumentException("the Micro has no health condition");
        };
    }

    @Override
    public String toString() {
        return wire;
    }
}
