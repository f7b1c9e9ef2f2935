package io.binarybosh.e2e.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from the module directory Maven runs the tests in. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path root() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("crds"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("no crds/ folder above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    public static Path crd() {
        return root().resolve("crds/binaryboshpairs.binarybosh.io-v1.yml");
    }
}
