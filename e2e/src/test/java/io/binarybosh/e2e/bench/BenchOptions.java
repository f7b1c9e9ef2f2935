package io.binarybosh.e2e.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to measure and how big, from {@code --name value} flags.
 *
 * @param kills           director VM kills in the detection benchmark (alternating Primary and Meta)
 * @param sizes           numbers of pairs for the scale benchmark
 * @param detectionScale  the world's time scale while detecting (the health monitor's intervals shrink with it)
 * @param scaleTimeScale  the world's time scale for the scale and startup benchmarks
 * @param windowSeconds   how long the operator is measured at each size once every pair is Ready
 * @param startupRuns     operator starts measured (the first one in the JVM is the cold one)
 * @param only            benchmark ids to run; empty means all
 */
record BenchOptions(Path out, Path crd, int kills, List<Integer> sizes, double detectionScale, double scaleTimeScale,
                    int windowSeconds, int startupRuns, Set<String> only) {

    static final String USAGE = """
            usage: bin/bench [--kills N] [--sizes 100,500,1000] [--window SECONDS] [--startup-runs N]
                             [--detection-time-scale X] [--scale-time-scale X] [--only detection,scale,startup,copy]
                             [--out DIR]""";

    static BenchOptions parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            flags.put(args[i].substring(2), args[i + 1]);
        }
        BenchOptions options = new BenchOptions(
                Path.of(flags.getOrDefault("out", "target/bench")),
                Path.of(flags.getOrDefault("crd", "crds/binaryboshpairs.binarybosh.io-v1.yml")),
                Integer.parseInt(flags.getOrDefault("kills", "20")),
                Arrays.stream(flags.getOrDefault("sizes", "100,500,1000").split(",")).map(Integer::parseInt).toList(),
                Double.parseDouble(flags.getOrDefault("detection-time-scale", "0.03")),
                Double.parseDouble(flags.getOrDefault("scale-time-scale", "0.1")),
                Integer.parseInt(flags.getOrDefault("window", "60")),
                Integer.parseInt(flags.getOrDefault("startup-runs", "5")),
                flags.containsKey("only") ? Set.of(flags.get("only").split(",")) : Set.of());
        flags.keySet().removeAll(Set.of("out", "crd", "kills", "sizes", "detection-time-scale", "scale-time-scale",
                "window", "startup-runs", "only"));
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown flags " + flags.keySet() + "\n" + USAGE);
        }
        return options;
    }

    boolean wants(String id) {
        return only.isEmpty() || only.contains(id);
    }
}
