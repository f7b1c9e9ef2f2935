package io.binarybosh.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The benchmark command ({@code bin/bench}): runs the benchmarks asked for, one after the other in this JVM, and
 * writes {@code results.json} and {@code results.md}. Not a test: nothing here runs under {@code mvn verify}.
 * The start-up benchmark goes first, so that its cold start is the JVM's first operator.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<Benchmark> benchmarks = List.of(new StartupBenchmark(), new DetectionBenchmark(), new ScaleBenchmark(),
                new CopyBenchmark());
        Instant startedAt = Instant.now();
        Path workDir = Files.createTempDirectory("bench-");
        List<Section> sections = new ArrayList<>();
        boolean failed = false;
        for (Benchmark benchmark : benchmarks) {
            if (!options.wants(benchmark.id())) {
                continue;
            }
            Progress.say("%s: starting", benchmark.id());
            try {
                sections.add(benchmark.run(options, workDir.resolve(benchmark.id())));
            } catch (Exception | AssertionError e) {
                failed = true;
                e.printStackTrace();
                sections.add(Section.notMeasured(benchmark.id(), benchmark.id(), "failed: " + e));
            }
        }
        new Report(options, startedAt).write(sections);
        keepOperatorLogs(workDir, options.out());
        deleteTree(workDir);
        Progress.say("wrote %s and %s", options.out().resolve("results.json"), options.out().resolve("results.md"));
        // Closed worlds may leave idle daemon threads; the JVM's exit takes them.
        System.exit(failed ? 1 : 0);
    }

    /**
     * The operator processes' logs (one per scale size, one of the copy's migration) are kept next to the results;
     * the worlds are not.
     */
    private static void keepOperatorLogs(Path workDir, Path out) throws IOException {
        try (var paths = Files.walk(workDir)) {
            List<Path> logs = paths.filter(p -> p.getFileName().toString().matches("operator-(\\d+|copy)\\.log"))
                    .toList();
            for (Path log : logs) {
                Files.copy(log, out.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
