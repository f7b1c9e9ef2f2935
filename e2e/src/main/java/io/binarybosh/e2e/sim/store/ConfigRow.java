package io.binarybosh.e2e.sim.store;

public record ConfigRow(long id, String type, String name, String content, long createdAt) {
}
