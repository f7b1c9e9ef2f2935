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
 * @param timeScale       the world's time scale for detection and start-up (the health monitor's intervals
 *                        shrink with it)
 * @param scaleTimeScale  the world's time scale for the scale benchmark: 1, real BOSH timings, by default, since
 *                        the operator polls in real seconds and a scaled UAA token would expire every few polls
 * @param windowSeconds   how long the operator is measured at each size once every pair is Ready
 * @param startupRuns     operator starts measured (the first one in the JVM is the cold one)
 * @param only            benchmark ids to run; empty means all
 */
record BenchOptions(Path out, Path crd, int kills, List<Integer> sizes, double timeScale, double scaleTimeScale,
                    int windowSeconds, int startupRuns, Set<String> only) {

    static final String USAGE = """
            usage: bin/bench [--kills N] [--sizes 100,500,1000] [--window SECONDS] [--startup-runs N]
                             [--time-scale X] [--scale-time-scale X] [--only detection,scale,startup,copy]
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
                Double.parseDouble(flags.getOrDefault("time-scale", "0.03")),
                Double.parseDouble(flags.getOrDefault("scale-time-scale", "1")),
                Integer.parseInt(flags.getOrDefault("window", "45")),
                Integer.parseInt(flags.getOrDefault("startup-runs", "5")),
                flags.containsKey("only") ? Set.of(flags.get("only").split(",")) : Set.of());
        flags.keySet().removeAll(Set.of("out", "crd", "kills", "sizes", "time-scale", "scale-time-scale",
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
