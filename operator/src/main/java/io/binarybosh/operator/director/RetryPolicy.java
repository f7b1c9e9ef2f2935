package io.binarybosh.operator.director;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotent requests are retried: up to {@code maxAttempts} in total, waiting
 * {@code initialBackoff * 2^(n-1)} (capped at {@code maxBackoff}) with full jitter between attempts. POSTs and
 * task-creating PUTs are never retried.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    /**
     * For a poller: one quick retry for a dropped connection. A director that fails twice is an observation, and
     * the next poll asks again; more retries only delay detection (a frozen director costs a read timeout each).
     */
    public static RetryPolicy polling() {
        return new RetryPolicy(2, Duration.ofMillis(200), Duration.ofMillis(200));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before attempt {@code attempt + 1}: half the exponential step plus a random share of the other
     * half, so concurrent reconciles do not retry in lockstep.
     */
    public Duration backoff(int attempt, double random) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
    }
}
