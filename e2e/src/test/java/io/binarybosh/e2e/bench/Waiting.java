package io.binarybosh.e2e.bench;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition at a fixed short interval. A benchmark measures when something becomes true, so it must look
 * often and take the instant itself: the polling interval bounds the error of every figure.
 */
final class Waiting {

    static final Duration STEP = Duration.ofMillis(10);

    private Waiting() {
    }

    /** Waits until {@code condition} holds; returns the nanoTime when it was first seen, or throws after {@code limit}. */
    static long until(String what, Duration limit, BooleanSupplier condition) {
        return until(what, limit, STEP, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, looking every {@code step}: for a costly look. */
    static long until(String what, Duration limit, Duration step, BooleanSupplier condition) {
        long[] seen = {0};
        Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(step).until(() -> {
            if (condition.getAsBoolean()) {
                seen[0] = System.nanoTime();
                return true;
            }
            return false;
        });
        return seen[0];
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
