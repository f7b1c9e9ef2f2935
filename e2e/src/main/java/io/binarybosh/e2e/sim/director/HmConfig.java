package io.binarybosh.e2e.sim.director;

/**
 * The health monitor job's properties, in real seconds (the world's {@code Timings} scale them).
 * Defaults are those of `jobs/health_monitor/spec` and `hm/plugins/resurrector_helper.rb`.
 */
public record HmConfig(boolean enabled, boolean resurrectorEnabled, int minimumDownJobs, double percentThreshold,
                       double timeThreshold, double pollDirector, double pollGracePeriod, double analyzeAgents,
                       double agentTimeout, double analyzeInstances, double resurrectionConfig,
                       String user, String password) {

    public static HmConfig from(Props p, boolean enabled) {
        String user = p.string("hm.director_account.user", p.string("hm.director_account.client_id", "hm"));
        String password = p.string("hm.director_account.password", p.string("hm.director_account.client_secret", ""));
        return new HmConfig(enabled,
                p.bool("hm.resurrector_enabled", false),
                (int) p.number("hm.resurrector.minimum_down_jobs", 5),
                p.number("hm.resurrector.percent_threshold", 0.2),
                p.number("hm.resurrector.time_threshold", 600),
                p.number("hm.intervals.poll_director", 60),
                p.number("hm.intervals.poll_grace_period", 30),
                p.number("hm.intervals.analyze_agents", 60),
                p.number("hm.intervals.agent_timeout", 60),
                p.number("hm.intervals.analyze_instances", 60),
                p.number("hm.intervals.resurrection_config", 60),
                user, password);
    }
}
