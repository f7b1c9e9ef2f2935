package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.HealthSpec;

import java.time.Duration;

/** The pair's timings with defaults applied. */
public record Timings(Duration pollInterval, Duration unreachableAfter, Duration forceRecreateAfter,
                      int maxRepairAttempts, Duration minHealthyPeriod, boolean cancelStuckTasks) {

    /** How long a repair step may take before the operation is given up as failed. */
    public static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

    /**
     * How long an abort waits for a VM it cannot reach, or a director it started to answer, before it finishes
     * without it and says what a person must do there: an abort never waits forever.
     */
    public static final Duration ABORT_WAIT = Duration.ofMinutes(15);

    public static Timings of(BinaryBoshPairSpec spec) {
        HealthSpec health = spec.getHealth() == null ? new HealthSpec() : spec.getHealth();
        return new Timings(
                Duration.ofSeconds(or(health.getPollIntervalSeconds(), HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS)),
                Duration.ofSeconds(or(health.getUnreachableAfterSeconds(),
                        HealthSpec.DEFAULT_UNREACHABLE_AFTER_SECONDS)),
                Duration.ofSeconds(or(health.getForceRecreateAfterSeconds(),
                        HealthSpec.DEFAULT_FORCE_RECREATE_AFTER_SECONDS)),
                or(health.getMaxRepairAttempts(), HealthSpec.DEFAULT_MAX_REPAIR_ATTEMPTS),
                Duration.ofSeconds(or(health.getMinHealthyPeriodSeconds(),
                        HealthSpec.DEFAULT_MIN_HEALTHY_PERIOD_SECONDS)),
                Boolean.TRUE.equals(health.getCancelStuckTasks()));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
