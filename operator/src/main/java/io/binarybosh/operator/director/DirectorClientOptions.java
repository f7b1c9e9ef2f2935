package io.binarybosh.operator.director;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Behaviour shared by all clients of a factory: the clock (token expiry, task deadlines), the sleeper (retry
 * backoff, task polls), the retry policy, the task poll interval (the CLI uses 0.5 s) and how long before its
 * expiry a UAA token is fetched again (the health monitor uses 60 s).
 */
public record DirectorClientOptions(Clock clock, Sleeper sleeper, RetryPolicy retryPolicy, Duration taskPollInterval,
                                    Duration tokenRefreshMargin) {

    public DirectorClientOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(taskPollInterval, "taskPollInterval");
        Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
    }

    public static DirectorClientOptions defaults() {
        return new DirectorClientOptions(Clock.systemUTC(), Sleeper.SYSTEM, RetryPolicy.defaults(),
                Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    public DirectorClientOptions withClock(Clock newClock, Sleeper newSleeper) {
        return new DirectorClientOptions(newClock, newSleeper, retryPolicy, taskPollInterval, tokenRefreshMargin);
    }

    public DirectorClientOptions withRetryPolicy(RetryPolicy newPolicy) {
        return new DirectorClientOptions(clock, sleeper, newPolicy, taskPollInterval, tokenRefreshMargin);
    }

    public DirectorClientOptions withTaskPollInterval(Duration newInterval) {
        return new DirectorClientOptions(clock, sleeper, retryPolicy, newInterval, tokenRefreshMargin);
    }
}
