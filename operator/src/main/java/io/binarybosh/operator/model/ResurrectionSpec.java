package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The health monitor resurrector settings (hm.resurrector.*) both directors must run with. */
public class ResurrectionSpec {

    @JsonPropertyDescription("Whether each director must resurrect the other (hm.resurrector_enabled, resurrection "
            + "unpaused, director.auto_fix_stateful_nodes). Defaults to true.")
    private Boolean enabled = Boolean.TRUE;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("hm.resurrector.minimum_down_jobs: meltdown needs at least this many unhealthy "
            + "instances. A one-VM director deployment never reaches the default 5. Defaults to 5.")
    private Integer minimumDownJobs = 5;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription("hm.resurrector.percent_threshold: meltdown also needs this fraction (0 to 1) of "
            + "instances unhealthy. Defaults to 0.2.")
    private Double percentThreshold = 0.2;

    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("hm.resurrector.time_threshold in seconds: the window in which down instances count "
            + "towards meltdown. Defaults to 600.")
    private Integer timeThresholdSeconds = 600;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMinimumDownJobs() {
        return minimumDownJobs;
    }

    public void setMinimumDownJobs(Integer minimumDownJobs) {
        this.minimumDownJobs = minimumDownJobs;
    }

    public Double getPercentThreshold() {
        return percentThreshold;
    }

    public void setPercentThreshold(Double percentThreshold) {
        this.percentThreshold = percentThreshold;
    }

    public Integer getTimeThresholdSeconds() {
        return timeThresholdSeconds;
    }

    public void setTimeThresholdSeconds(Integer timeThresholdSeconds) {
        this.timeThresholdSeconds = timeThresholdSeconds;
    }
}
