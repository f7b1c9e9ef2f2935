package io.binarybosh.e2e.sim.hm;

/**
 * `hm/plugins/resurrector_helper.rb`: a meltdown needs both `unhealthy >= minimum_down_jobs` and
 * `unhealthy / total >= percent_threshold`; otherwise any unhealthy instance means managed.
 */
public record MeltdownRule(int minimumDownJobs, double percentThreshold) {

    public DeploymentState state(int unhealthy, int total) {
        if (unhealthy <= 0) {
            return DeploymentState.NORMAL;
        }
        double ratio = total <= 0 ? 1.0 : (double) unhealthy / total;
        if (unhealthy >= minimumDownJobs && ratio >= percentThreshold) {
            return DeploymentState.MELTDOWN;
        }
        return DeploymentState.MANAGED;
    }
}
