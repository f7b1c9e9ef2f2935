package io.binarybosh.e2e.sim.store;

public record NameVersion(String name, String version) {
}
