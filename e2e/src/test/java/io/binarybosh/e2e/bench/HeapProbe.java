package io.binarybosh.e2e.bench;

import java.lang.management.ManagementFactory;

/** Heap in use right after full collections: what is really retained, not what the collector has not reclaimed yet. */
final class HeapProbe {

    private HeapProbe() {
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            // System.gc() only asks; a moment for the collector to finish, the least of three readings kept.
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
