package io.binarybosh.e2e.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the demo runs.
 *
 * @param dir            where the world, the kubeconfig, the manifest and the operator's log go
 * @param repository     the project checkout, for the CRD file
 * @param kubectl        the kubectl binary
 * @param timeScale      the world's time scale (real BOSH intervals times this)
 * @param microStoreMib  how much blobstore data the Micro's store holds, so the copy shows its progress
 * @param pause          how long the story pauses between acts, for a person to look with kubectl
 * @param exitWhenDone   stop once the story is told instead of running until Ctrl-C
 */
public record DemoOptions(Path dir, Path repository, Path kubectl, double timeScale, int microStoreMib,
                          Duration pause, boolean exitWhenDone) {

    static final String USAGE = """
            usage: bin/demo [--dir DIR] [--time-scale X] [--micro-store-mib N] [--pause-seconds N] [--exit-when-done]
              --dir DIR            world, kubeconfig, manifest and operator log (default: a new folder in /tmp)
              --time-scale X       real BOSH intervals times X (default 0.02)
              --micro-store-mib N  blobstore data in the Micro's store, copied onto Meta (default 512)
              --pause-seconds N    pause between acts, to look with kubectl (default 8)
              --exit-when-done     stop after the last act instead of running until Ctrl-C""";

    public static DemoOptions parse(String[] args) {
        Path dir = null;
        Path repository = Path.of("").toAbsolutePath();
        Path kubectl = Path.of("/usr/bin/kubectl");
        double timeScale = 0.02;
        int microStoreMib = 512;
        Duration pause = Duration.ofSeconds(8);
        boolean exitWhenDone = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i)).toAbsolutePath();
                case "--repository" -> repository = Path.of(value(args, ++i)).toAbsolutePath();
                case "--kubectl" -> kubectl = Path.of(value(args, ++i));
                case "--time-scale" -> timeScale = Double.parseDouble(value(args, ++i));
                case "--micro-store-mib" -> microStoreMib = Integer.parseInt(value(args, ++i));
                case "--pause-seconds" -> pause = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                case "--exit-when-done" -> exitWhenDone = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (timeScale <= 0 || microStoreMib < 0 || pause.isNegative()) {
            throw new IllegalArgumentException("time scale must be positive, sizes and pauses not negative\n" + USAGE);
        }
        return new DemoOptions(dir, repository, kubectl, timeScale, microStoreMib, pause, exitWhenDone);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    Path crd() {
        return repository.resolve("crds/binaryboshpairs.binarybosh.io-v1.yml");
    }
}
