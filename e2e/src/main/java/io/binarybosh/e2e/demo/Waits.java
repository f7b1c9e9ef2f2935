package io.binarybosh.e2e.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition of the world or the pair, bounded so that a demo that goes wrong says what it waited for. */
final class Waits {

    private static final Duration POLL = Duration.ofMillis(200);

    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("waited " + timeout.toSeconds() + " s for " + what);
            }
            // The world and the API notify no one of a condition holding: look again, bounded by the timeout.
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A look that fails (a director answering nothing mid-restart, an API read racing a write) is a "not yet". */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
