package io.binarybosh.e2e.sim.store;

public record StemcellRow(long id, String name, String operatingSystem, String version, String cid, int apiVersion) {
}
