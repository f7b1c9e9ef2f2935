package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.sim.Json;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the sections as {@code results.json} (every figure) and {@code results.md} (the tables and notes). */
final class Report {

    private final Map<String, Object> machine;
    private final BenchOptions options;
    private final Instant startedAt;

    Report(BenchOptions options, Instant startedAt) {
        this.options = options;
        this.startedAt = startedAt;
        this.machine = machine();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("loadAverageAtStart", os.getSystemLoadAverage());
        machine.put("commit", System.getenv().getOrDefault("BENCH_COMMIT", "unknown"));
        machine.put("note", System.getenv().getOrDefault("BENCH_MACHINE_NOTE", ""));
        return machine;
    }

    void write(List<Section> sections) throws IOException {
        Files.createDirectories(options.out());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", Instant.now().toString());
        json.put("machine", machine);
        json.put("options", options);
        Map<String, Object> bySection = new LinkedHashMap<>();
        sections.forEach(s -> bySection.put(s.id(), s));
        json.put("benchmarks", bySection);
        Files.writeString(options.out().resolve("results.json"),
                Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        Files.writeString(options.out().resolve("results.md"), markdown(sections));
    }

    private String markdown(List<Section> sections) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "Run %s, commit %s, on %s cores (%s, %s, max heap %s MiB, load "
                        + "average %.2f at start). %s%n", startedAt, machine.get("commit"), machine.get("cores"),
                machine.get("os"), machine.get("java"), machine.get("maxHeapMiB"),
                (Double) machine.get("loadAverageAtStart"), machine.get("note")));
        for (Section section : sections) {
            md.append("\n## ").append(section.title()).append("\n\n");
            if (!section.table().columns().isEmpty()) {
                md.append(row(section.table().columns()));
                md.append(row(section.table().columns().stream().map(c -> "---").toList()));
                section.table().rows().forEach(r -> md.append(row(r)));
                md.append('\n');
            }
            section.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
