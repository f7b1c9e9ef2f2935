package io.binarybosh.e2e.helm;

import io.binarybosh.e2e.kube.ProjectFiles;

import java.nio.file.Path;

/** Where the chart lives in this repository. */
final class ChartFiles {

    private ChartFiles() {
    }

    static Path chart() {
        return ProjectFiles.root().resolve("helm/binary-bosh-operator");
    }
}
