package io.binarybosh.operator.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * The health monitor and director properties of a director's own manifest that decide whether it resurrects the
 * VMs it manages. Null means the manifest does not say and the job default applies (see the accessors).
 */
public record HealthMonitorSettings(Boolean resurrectorEnabled, Integer minimumDownJobs, Double percentThreshold,
                                    Integer timeThresholdSeconds, Boolean autoFixStatefulNodes) {

    /** hm.resurrector_enabled: false in the health_monitor job spec when absent. */
    public boolean resurrectorOn() {
        return Boolean.TRUE.equals(resurrectorEnabled);
    }

    /** director.auto_fix_stateful_nodes: true in the director job spec when absent. */
    public boolean fixesStatefulNodes() {
        return autoFixStatefulNodes == null || autoFixStatefulNodes;
    }

    public int effectiveMinimumDownJobs() {
        return minimumDownJobs == null ? 5 : minimumDownJobs;
    }

    public double effectivePercentThreshold() {
        return percentThreshold == null ? 0.2 : percentThreshold;
    }

    /**
     * A one-instance deployment is in meltdown, and so never resurrected, when one unhealthy instance reaches
     * both thresholds: {@code 1 >= minimum_down_jobs} and {@code 1/1 >= percent_threshold}.
     */
    public boolean oneVmDeploymentMeltsDown() {
        return effectiveMinimumDownJobs() <= 1 && effectivePercentThreshold() <= 1.0;
    }

    /** Why these settings stop the resurrection of a one-VM director deployment; empty when they do not. */
    public List<String> blockers() {
        List<String> blockers = new ArrayList<>();
        if (!resurrectorOn()) {
            blockers.add(resurrectorEnabled == null ? "hm.resurrector_enabled is not set (the job default is false)"
                    : "hm.resurrector_enabled is false");
        }
        if (!fixesStatefulNodes()) {
            blockers.add("director.auto_fix_stateful_nodes is false, so scan and fix skips a director VM, which "
                    + "always has a persistent disk");
        }
        if (oneVmDeploymentMeltsDown()) {
            blockers.add("hm.resurrector.minimum_down_jobs " + effectiveMinimumDownJobs() + " with percent_threshold "
                    + effectivePercentThreshold() + " puts a one-VM deployment in meltdown");
        }
        return blockers;
    }
}
