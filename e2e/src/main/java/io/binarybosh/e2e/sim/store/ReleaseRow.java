package io.binarybosh.e2e.sim.store;

import java.util.List;

public record ReleaseRow(String name, String version, String commitHash, List<String> jobNames, String blobId) {
}
