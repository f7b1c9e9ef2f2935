package io.binarybosh.operator.director.model;

import java.util.List;

/** One element of {@code GET /releases}. */
public record Release(String name, List<Version> releaseVersions) {

    public Release {
        releaseVersions = releaseVersions == null ? List.of() : List.copyOf(releaseVersions);
    }

    public record Version(String version, String commitHash, Boolean uncommittedChanges, Boolean currentlyDeployed,
                          List<String> jobNames) {

        public Version {
            jobNames = jobNames == null ? List.of() : List.copyOf(jobNames);
        }
    }
}
