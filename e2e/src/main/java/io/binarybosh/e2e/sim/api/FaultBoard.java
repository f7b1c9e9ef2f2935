package io.binarybosh.e2e.sim.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The faults of every director address of a world. */
public final class FaultBoard {
    private final ConcurrentMap<String, ApiFaults> byAddress = new ConcurrentHashMap<>();

    public ApiFaults at(String address) {
        return byAddress.computeIfAbsent(address, a -> new ApiFaults());
    }
}
