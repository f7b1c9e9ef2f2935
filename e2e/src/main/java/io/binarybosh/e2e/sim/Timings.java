package io.binarybosh.e2e.sim;

import java.time.Duration;

/**
 * Every interval of the simulated world is a real BOSH default multiplied by one scale factor, so the
 * ratios between heartbeat, agent timeout, analysis interval and task timeout stay those of a real director.
 */
public record Timings(double scale) {

    public Timings {
        if (scale <= 0) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
    }

    public static Timings real() {
        return new Timings(1.0);
    }

    /** Scales a duration given in real seconds; never below one millisecond. */
    public Duration seconds(double realSeconds) {
        return Duration.ofNanos(Math.max(1_000_000L, (long) (realSeconds * scale * 1_000_000_000L)));
    }

    public Duration heartbeatInterval() { return seconds(30); }

    /** How often a disconnected agent retries its NATS connection (2 s to 10 s on a real agent). */
    public Duration reconnectInterval() { return seconds(2); }

    public Duration taskCheckpointTimeout() { return seconds(180); }

    public Duration scanGetStateTimeout() { return seconds(10); }

    public Duration vmStateGetStateTimeout() { return seconds(5); }

    public Duration lockExpiry() { return seconds(240); }

    /** How long a deploy waits for a deployment lock held by someone else. */
    public Duration deployLockWait() { return seconds(10); }

    public Duration agentWaitTimeout() { return seconds(600); }

    /** Time one simulated step (a CPI call, a job start) takes, so clients see tasks in `processing`. */
    public Duration step() { return seconds(1); }

    /** Time a freshly created VM needs before its agent runs. */
    public Duration vmBoot() { return seconds(3); }
}
