package io.binarybosh.e2e.sim.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Faults of the network path to one director address, and the log of what came in on it. They belong to the address, not to the director
 * process, so they stay in force across a director restart on the same VM address.
 */
public final class ApiFaults {
    public enum Mode { NORMAL, FROZEN, FAILING, SLOW }

    private final List<Runnable> reachabilityListeners = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean cutOff;
    private volatile CountDownLatch thaw = new CountDownLatch(0);
    private final RequestLog requests = new RequestLog();

    /** Requests received on this address, by any director process that listened on it. */
    public RequestLog requests() {
        return requests;
    }

    public Mode mode() { return mode; }

    public Duration delay() { return delay; }

    public boolean cutOff() { return cutOff; }

    /** Connections are accepted, requests are read, nothing is ever answered. */
    public synchronized void freeze() {
        if (mode != Mode.FROZEN) {
            thaw = new CountDownLatch(1);
        }
        mode = Mode.FROZEN;
    }

    /** Every request answers 500 with an empty body, as an unhandled exception does on a real director. */
    public synchronized void failWith500() {
        unfreeze();
        mode = Mode.FAILING;
    }

    public synchronized void slow(Duration value) {
        unfreeze();
        delay = value;
        mode = Mode.SLOW;
    }

    /** Connections are refused: nothing listens on the director address. */
    public void cutOff(boolean value) {
        cutOff = value;
        reachabilityListeners.forEach(Runnable::run);
    }

    /** Back to normal: no fault at all. */
    public synchronized void heal() {
        unfreeze();
        mode = Mode.NORMAL;
        delay = Duration.ZERO;
        cutOff(false);
    }

    private void unfreeze() {
        thaw.countDown();
    }

    CountDownLatch thawLatch() {
        return thaw;
    }

    void onReachabilityChange(Runnable listener) {
        reachabilityListeners.add(listener);
    }

    void removeListener(Runnable listener) {
        reachabilityListeners.remove(listener);
    }
}
