package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.operator.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it is deployed: {@link Main} in a JVM of its own, with the chart's memory settings, talking to the
 * benchmark's Kubernetes API through a kubeconfig and to the simulated directors over HTTPS. Its CPU time, resident
 * memory and heap are then the operator's alone, with nothing of the world or the API mock in them.
 */
final class OperatorProcess implements AutoCloseable {

    /**
     * The chart's defaults (helm/binary-bosh-operator/values.yaml): its {@code javaOptions} under its 512 MiB memory
     * limit; {@code MaxRAM} makes the JVM size itself as in that container.
     */
    static final List<String> CHART_JVM_OPTIONS = chartJvmOptions();
    /** The chart's {@code mallocArenaMax}, given to the process as {@code MALLOC_ARENA_MAX}; null when unset. */
    static final String CHART_MALLOC_ARENA_MAX = chartValue("mallocArenaMax");
    private static final Pattern BUCKET = Pattern.compile(
            "^operator_sdk_controllers_execution_reconcile_seconds_bucket\\{(.*)} ([0-9.eE+-]+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    /**
     * A heap space's line of {@code GC.heap_info}: the serial collector's young and old generations each have one
     * (the young one is empty right after a full collection), G1 one for the whole heap; Metaspace's has no total.
     */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Process process;
    private final int healthPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private OperatorProcess(Process process, int healthPort) {
        this.process = process;
        this.healthPort = healthPort;
    }

    /** An operator at the log level bin/bench's LOG_LEVEL gives (warn by default). */
    static OperatorProcess start(Path kubeconfig, Path log) throws IOException {
        return start(kubeconfig, log, null);
    }

    /** An operator at {@code logLevel} (LOG_LEVEL), or at bin/bench's when null. */
    static OperatorProcess start(Path kubeconfig, Path log, String logLevel) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHART_JVM_OPTIONS);
        // e.g. -XX:StartFlightRecording=filename=target/bench/operator.jfr,settings=profile to profile the window
        String extra = System.getenv("BENCH_OPERATOR_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.putAll(KubectlCompatibleApiServer.clientEnvironment());
        env.put("HEALTH_PORT", String.valueOf(port));
        if (logLevel != null) {
            env.put("LOG_LEVEL", logLevel);
        }
        env.putIfAbsent("LOG_LEVEL", "warn");
        if (CHART_MALLOC_ARENA_MAX != null) {
            env.put("MALLOC_ARENA_MAX", CHART_MALLOC_ARENA_MAX);
        }
        return new OperatorProcess(builder.start(), port);
    }

    private static List<String> chartJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:MaxRAM=512m"));
        String javaOptions = chartValue("javaOptions");
        if (javaOptions != null) {
            options.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    /** A top-level scalar of the chart's values.yaml, quotes removed; null when absent or null. */
    private static String chartValue(String key) {
        Path values = io.binarybosh.e2e.kube.ProjectFiles.root().resolve("helm/binary-bosh-operator/values.yaml");
        try {
            for (String line : Files.readAllLines(values)) {
                if (line.startsWith(key + ":")) {
                    String value = line.substring(key.length() + 1).trim().replaceAll("^\"|\"$", "");
                    return value.isEmpty() || value.equals("null") ? null : value;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** User and system CPU time of the whole process (every thread: operator, GC, JIT), from /proc. */
    double cpuSeconds() {
        String stat = read("/proc/" + pid() + "/stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command name: state is field 3, utime field 14 and stime field 15 (proc(5)), in clock ticks.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0;
    }

    /** Resident memory now and at its peak, in bytes ({@code VmRSS}, {@code VmHWM}). */
    long[] residentBytes() {
        long rss = 0;
        long peak = 0;
        for (String line : read("/proc/" + pid() + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kibibytes(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kibibytes(line);
            }
        }
        return new long[] {rss, peak};
    }

    /** Heap in use right after full collections, the least of three, as {@link HeapProbe} does in this JVM. */
    long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            jcmd("GC.run");
            Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
            long heap = -1;
            while (used.find()) {
                heap = Math.max(heap, 0) + (Long.parseLong(used.group(1)) << 10);
            }
            if (heap >= 0) {
                least = Math.min(least, heap);
            }
        }
        if (least == Long.MAX_VALUE) {
            throw new IllegalStateException("jcmd GC.heap_info named no heap in use for pid " + pid());
        }
        return least;
    }

    /** The reconcile timer's histogram now: cumulative count per upper bound in seconds, summed over series. */
    Map<Double, Double> reconcileBuckets() {
        Map<Double, Double> buckets = new TreeMap<>();
        for (String line : metrics().split("\n")) {
            Matcher bucket = BUCKET.matcher(line.trim());
            if (!bucket.matches()) {
                continue;
            }
            Matcher le = LE.matcher(bucket.group(1));
            if (le.find()) {
                double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, Double.parseDouble(bucket.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The reconciles between two histograms: their count and the upper bound (ms) of the bucket holding the 50th
     * and 99th percentile, so the percentiles are at most these.
     */
    static WindowMeters.Reconciles between(Map<Double, Double> before, Map<Double, Double> after) {
        Map<Double, Double> delta = new TreeMap<>();
        after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
        double total = delta.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            return new WindowMeters.Reconciles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new WindowMeters.Reconciles((long) total, bound(delta, 0.5 * total), bound(delta, 0.99 * total),
                bound(delta, total));
    }

    private static double bound(Map<Double, Double> cumulative, double rank) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String jcmd(String what) throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid()), what).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + what + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kibibytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", "")) << 10;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
