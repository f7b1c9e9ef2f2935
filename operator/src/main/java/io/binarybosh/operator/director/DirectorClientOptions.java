package io.binarybosh.operator.director;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Behaviour shared by all clients of a factory: the clock (token expiry, task deadlines), the sleeper (retry
 * backoff, task polls), the retry policy, the task poll interval (the CLI uses 0.5 s), how long before its
 * expiry a UAA token is fetched again (the health monitor uses 60 s) and how long an idle connection is kept.
 *
 * @param connectionKeepAlive how long an idle connection to a director stays pooled: several default poll
 *                            intervals (15 s), so that a poll a little late still finds it, and shorter than the
 *                            75 s after which nginx in front of a director closes it
 */
public record DirectorClientOptions(Clock clock, Sleeper sleeper, RetryPolicy retryPolicy, Duration taskPollInterval,
                                    Duration tokenRefreshMargin, Duration connectionKeepAlive) {

    public static final Duration DEFAULT_CONNECTION_KEEP_ALIVE = Duration.ofSeconds(60);

    public DirectorClientOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(taskPollInterval, "taskPollInterval");
        Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
        Objects.requireNonNull(connectionKeepAlive, "connectionKeepAlive");
        if (connectionKeepAlive.isNegative() || connectionKeepAlive.isZero()) {
            throw new IllegalArgumentException("connectionKeepAlive must be positive");
        }
    }

    public static DirectorClientOptions defaults() {
        return new DirectorClientOptions(Clock.systemUTC(), Sleeper.SYSTEM, RetryPolicy.defaults(),
                Duration.ofMillis(500), Duration.ofSeconds(60), DEFAULT_CONNECTION_KEEP_ALIVE);
    }

    public DirectorClientOptions withClock(Clock newClock, Sleeper newSleeper) {
        return new DirectorClientOptions(newClock, newSleeper, retryPolicy, taskPollInterval, tokenRefreshMargin, connectionKeepAlive);
    }

    public DirectorClientOptions withRetryPolicy(RetryPolicy newPolicy) {
        return new DirectorClientOptions(clock, sleeper, newPolicy, taskPollInterval, tokenRefreshMargin, connectionKeepAlive);
    }

    public DirectorClientOptions withTaskPollInterval(Duration newInterval) {
        return new DirectorClientOptions(clock, sleeper, retryPolicy, newInterval, tokenRefreshMargin, connectionKeepAlive);
    }

    public DirectorClientOptions withConnectionKeepAlive(Duration newKeepAlive) {
        return new DirectorClientOptions(clock, sleeper, retryPolicy, taskPollInterval, tokenRefreshMargin, newKeepAlive);
    }
}
