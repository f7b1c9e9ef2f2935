package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator watching 100, 500 and 1,000 pairs with the default health settings (poll every 15 s). Every pair
 * points at the same simulated Primary and Meta: the operator cannot tell (each pair has its own Secrets, clients,
 * tokens and polls), while a thousand director pairs would not fit on the machine. The directors then serve every
 * pair's polls, so requests are counted per poll rather than per director.
 */
final class ScaleBenchmark implements Benchmark {

    record Size(int pairs, double secondsToFirstStatus, double secondsToReady, int readyPairs, double windowSeconds,
                Map<String, Double> cpuSecondsByThreadGroup, Map<String, Double> busiestThreadsCpuSeconds,
                double operatorCpuPercentOfOneCore,
                double operatorCpuMillisPerPairPoll, long heapBeforeOperatorBytes, long heapWithOperatorBytes,
                WindowMeters.Reconciles reconciles, double scheduledPairPollsPerSecond, DirectorRequests primary,
                DirectorRequests meta, double machineLoadAverage) {

        long operatorHeapBytes() {
            return heapWithOperatorBytes - heapBeforeOperatorBytes;
        }
    }

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) throws Exception {
        List<Size> sizes = new ArrayList<>();
        try (World world = MutualWorlds.start(options.scaleTimeScale(), workDir.resolve("world"))) {
            for (int pairs : options.sizes()) {
                Size size = measure(world, pairs, options);
                sizes.add(size);
                Progress.say("scale: %d pairs: operator CPU %.1f%% of a core, heap %d MiB, reconcile p50 %.1f ms "
                                + "p99 %.1f ms, %.1f requests per director per poll", pairs,
                        size.operatorCpuPercentOfOneCore(), size.operatorHeapBytes() >> 20,
                        size.reconciles().p50Millis(), size.reconciles().p99Millis(), size.primary().perPoll());
            }
        }
        return section(sizes, options);
    }

    private static Size measure(World world, int pairs, BenchOptions options) throws InterruptedException {
        try (PairFleet fleet = new PairFleet(options.crd())) {
            Progress.say("scale: creating %d pairs", pairs);
            fleet.addPairs(world, pairs, new HealthSpec());
            long heapBefore = HeapProbe.usedAfterGc();
            CompositeMeterRegistry meters = new CompositeMeterRegistry();
            long started = System.nanoTime();
            fleet.start(meters);
            Duration limit = Duration.ofSeconds(Math.max(120, pairs / 2));
            long firstStatus = Waiting.until("a status on every pair", limit,
                    () -> fleet.pairs().stream().allMatch(p -> p.getStatus() != null));
            long ready = awaitReady(fleet, pairs, limit);
            int readyPairs = ready(fleet);
            Progress.say("scale: %d of %d pairs Ready after %.1f s; measuring for %d s after one more poll",
                    readyPairs, pairs, Waiting.seconds(started, ready), options.windowSeconds());
            // A pair is Ready once its status says so, while its first reconcile still records an event per
            // condition: the window opens after that tail, on the steady state.
            Thread.sleep(HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS * 1000L);

            WindowMeters window = new WindowMeters(meters);
            CpuSnapshot before = CpuSnapshot.take();
            Instant from = Instant.now();
            long windowStart = System.nanoTime();
            // The measurement window: the operator runs undisturbed while its CPU and requests are counted.
            Thread.sleep(options.windowSeconds() * 1000L);
            CpuSnapshot after = CpuSnapshot.take();
            Instant to = Instant.now();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            double seconds = Waiting.seconds(windowStart, System.nanoTime());
            WindowMeters.Reconciles reconciles = window.reconciles();
            DirectorRequests primary = DirectorRequests.of(world.requests("primary"), from, to);
            DirectorRequests meta = DirectorRequests.of(world.requests("meta"), from, to);
            long heapWith = HeapProbe.usedAfterGc();

            Map<String, Double> cpu = new LinkedHashMap<>();
            after.since(before).forEach((group, nanos) -> cpu.put(group, nanos / 1e9));
            Map<String, Double> busiest = new LinkedHashMap<>();
            after.busiestSince(before, 20).forEach((name, nanos) -> busiest.put(name, nanos / 1e9));
            double operatorCpu = cpu.getOrDefault(ThreadGroups.OPERATOR, 0.0);
            double pairPollsPerSecond = primary.pollsPerSecond();
            return new Size(pairs, Waiting.seconds(started, firstStatus), Waiting.seconds(started, ready), readyPairs,
                    seconds, cpu, busiest, 100 * operatorCpu / seconds, 1000 * operatorCpu / seconds / pairPollsPerSecond,
                    heapBefore, heapWith, reconciles,
                    (double) pairs / HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS, primary, meta, load);
        }
    }

    /** Waits for every pair to be Ready; past the limit, measures anyway and reports how many were. */
    private static long awaitReady(PairFleet fleet, int pairs, Duration limit) throws InterruptedException {
        try {
            return Waiting.until("every pair Ready", limit, () -> ready(fleet) == pairs);
        } catch (IllegalStateException notAll) {
            Progress.say("scale: %s", notAll.getMessage());
            return System.nanoTime();
        }
    }

    private static int ready(PairFleet fleet) {
        int ready = 0;
        for (BinaryBoshPair pair : fleet.pairs()) {
            if (PairFleet.is(pair, "Ready", "True")) {
                ready++;
            }
        }
        return ready;
    }

    private Section section(List<Size> sizes, BenchOptions options) {
        List<List<String>> rows = new ArrayList<>();
        for (Size s : sizes) {
            rows.add(List.of(String.valueOf(s.pairs()),
                    f1(s.operatorCpuPercentOfOneCore()) + " %",
                    f2(s.operatorCpuMillisPerPairPoll()),
                    (s.operatorHeapBytes() >> 20) + " MiB",
                    f1(s.reconciles().p50Millis()) + " / " + f1(s.reconciles().p99Millis()),
                    f1(s.primary().perPoll()) + " / " + f1(s.meta().perPoll()),
                    f1(s.primary().pollsPerSecond()) + " of " + f1(s.scheduledPairPollsPerSecond()),
                    f1(s.secondsToFirstStatus()) + " / " + f1(s.secondsToReady())
                            + (s.readyPairs() < s.pairs() ? " (" + s.readyPairs() + " Ready)" : ""),
                    f1(s.machineLoadAverage())));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("worldTimeScale", options.scaleTimeScale());
        figures.put("pollIntervalSeconds", HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS);
        figures.put("sizes", sizes);
        return new Section(id(), "Scale: pairs watched by one operator", true, figures,
                new Section.Table(List.of("pairs", "operator CPU (of one core)", "CPU ms per pair poll",
                        "heap after GC (operator)", "reconcile p50 / p99 ms",
                        "requests per director per poll (Primary / Meta)", "pair polls/s done of scheduled",
                        "start to status on all / all Ready (s)", "machine load (1 min)"), rows),
                List.of("Default health settings (poll every " + HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS
                                + " s), production operator settings (8 polling threads); measured over a "
                                + options.windowSeconds() + " s window opened one poll interval after every pair "
                                + "was Ready (start-up reconciles, which record an event per condition, stay out).",
                        "All pairs point at one simulated Primary and Meta, in the same JVM as the operator and the "
                                + "Kubernetes API mock. Operator CPU is the CPU time of the operator's threads "
                                + "(polling, reconciler, Kubernetes and director HTTP clients); results.json also has "
                                + "the whole process and the simulated world.",
                        "Heap: used heap after full GCs with the operator running, minus the same before it started "
                                + "(world, API server and the pairs already there).",
                        "Reconcile time: JOSDK's `" + WindowMeters.RECONCILE_TIMER + "` timer; the observation "
                                + "(director calls) runs on the polling threads, outside the reconcile.",
                        "Requests per poll: requests from the operator to a director divided by its authenticated "
                                + "`GET /info` (one per poll); the manifest (every 5 min) and the agent check "
                                + "(a task, every 5 min) fall outside a short window."));
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
