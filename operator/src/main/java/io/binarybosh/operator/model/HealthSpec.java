package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Observation cadence and the patience before acting. The ordering rules compare effective values: the CRD's
 * defaults fill an omitted field before the API server evaluates them, and the same defaults stand in for it where
 * no defaulting happened (an object stored before the defaults existed, a test server).
 */
@ValidationRule(value = "(has(self.unreachableAfterSeconds) ? self.unreachableAfterSeconds : "
        + HealthSpec.DEFAULT_UNREACHABLE_AFTER_SECONDS + ") >= (has(self.pollIntervalSeconds) ? self.pollIntervalSeconds : "
        + HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS + ")",
        message = "unreachableAfterSeconds must be at least pollIntervalSeconds", reason = "FieldValueInvalid")
@ValidationRule(value = "(has(self.forceRecreateAfterSeconds) ? self.forceRecreateAfterSeconds : "
        + HealthSpec.DEFAULT_FORCE_RECREATE_AFTER_SECONDS + ") >= (has(self.unreachableAfterSeconds) ? "
        + "self.unreachableAfterSeconds : " + HealthSpec.DEFAULT_UNREACHABLE_AFTER_SECONDS + ")",
        message = "forceRecreateAfterSeconds must be at least unreachableAfterSeconds", reason = "FieldValueInvalid")
public class HealthSpec {

    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 15;
    public static final int DEFAULT_UNREACHABLE_AFTER_SECONDS = 60;
    public static final int DEFAULT_FORCE_RECREATE_AFTER_SECONDS = 300;
    public static final int DEFAULT_MAX_REPAIR_ATTEMPTS = 3;
    public static final int DEFAULT_MIN_HEALTHY_PERIOD_SECONDS = 600;

    @Min(1)
    @Max(3600)
    @JsonPropertyDescription("Seconds between two observations of each director. Defaults to 15.")
    private Integer pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;

    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Seconds a director may fail to answer before it counts as down. Defaults to 60.")
    private Integer unreachableAfterSeconds = DEFAULT_UNREACHABLE_AFTER_SECONDS;

    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("Seconds a director may stay down before the operator asks its peer to recreate its VM, "
            + "when the peer's health monitor has not. Defaults to 300.")
    private Integer forceRecreateAfterSeconds = DEFAULT_FORCE_RECREATE_AFTER_SECONDS;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("How many times the operator asks a director to recreate its peer's VM before it stops "
            + "and waits for a person; the count starts again once the peer has stayed healthy for "
            + "minHealthyPeriodSeconds. Defaults to 3.")
    private Integer maxRepairAttempts = DEFAULT_MAX_REPAIR_ATTEMPTS;

    @Min(1)
    @Max(604800)
    @JsonPropertyDescription("Seconds a repaired director must stay healthy before its repair count is reset, and "
            + "before it may itself repair its peer, so that two directors never recreate each other in a loop. "
            + "Defaults to 600.")
    private Integer minHealthyPeriodSeconds = DEFAULT_MIN_HEALTHY_PERIOD_SECONDS;

    @JsonPropertyDescription("Whether the operator may cancel a task that has held a director's deployment for more "
            + "than 30 minutes while that director is down (DELETE /task/:id on its manager). Defaults to false: "
            + "the task is only reported.")
    private Boolean cancelStuckTasks = Boolean.FALSE;

    public Boolean getCancelStuckTasks() {
        return cancelStuckTasks;
    }

    public void setCancelStuckTasks(Boolean cancelStuckTasks) {
        this.cancelStuckTasks = cancelStuckTasks;
    }

    public Integer getMaxRepairAttempts() {
        return maxRepairAttempts;
    }

    public void setMaxRepairAttempts(Integer maxRepairAttempts) {
        this.maxRepairAttempts = maxRepairAttempts;
    }

    public Integer getMinHealthyPeriodSeconds() {
        return minHealthyPeriodSeconds;
    }

    public void setMinHealthyPeriodSeconds(Integer minHealthyPeriodSeconds) {
        this.minHealthyPeriodSeconds = minHealthyPeriodSeconds;
    }

    public Integer getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public void setPollIntervalSeconds(Integer pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public Integer getUnreachableAfterSeconds() {
        return unreachableAfterSeconds;
    }

    public void setUnreachableAfterSeconds(Integer unreachableAfterSeconds) {
        this.unreachableAfterSeconds = unreachableAfterSeconds;
    }

    public Integer getForceRecreateAfterSeconds() {
        return forceRecreateAfterSeconds;
    }

    public void setForceRecreateAfterSeconds(Integer forceRecreateAfterSeconds) {
        this.forceRecreateAfterSeconds = forceRecreateAfterSeconds;
    }
}
