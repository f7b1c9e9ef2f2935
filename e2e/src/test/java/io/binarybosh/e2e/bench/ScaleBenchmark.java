package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.kube.ApiRequest;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import org.awaitility.core.ConditionTimeoutException;

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

    record Size(int pairs, double secondsToFirstStatus, double secondsToReady, int readyPairs,
                double secondsToStartupDone, Map<String, Double> cpuSecondsToReady,
                Map<String, Integer> kubeApiRequestsToReady, double windowSeconds,
                Map<String, Double> cpuSecondsByThreadGroup, Map<String, Double> busiestThreadsCpuSeconds,
                double operatorCpuPercentOfOneCore,
                double operatorCpuMillisPerPairPoll, long operatorHeapBytes, long operatorResidentBytes,
                long operatorPeakResidentBytes,
                WindowMeters.Reconciles reconciles, double scheduledPairPollsPerSecond, DirectorRequests primary,
                DirectorRequests meta, Map<String, Integer> kubeApiRequests, Map<String, Integer> eventReasons,
                double machineLoadAverage) {
    }

    /** The targets at 1,000 pairs, default settings. */
    static final double TARGET_POLLS_DONE_SHARE = 0.95;
    static final long TARGET_HEAP_BYTES = 256L << 20;
    /** The chart's default memory limit (helm/binary-bosh-operator/values.yaml, resources.limits.memory). */
    static final long CHART_MEMORY_LIMIT_BYTES = 512L << 20;
    static final double TARGET_CORES = 0.5;
    static final double TARGET_RECONCILE_P99_MILLIS = 100;
    static final double TARGET_REQUESTS_PER_DIRECTOR_PER_POLL = 5;
    static final double TARGET_SECONDS_TO_READY = 30;
    /** The start-up's Events are sent once none was sent for this long. */
    static final int EVENTS_QUIET_SECONDS = 5;
    /** How often a wait reads the watch's counts: the moments come from the watch itself, not from these looks. */
    private static final Duration LOOK = Duration.ofMillis(50);

    /**
     * The figures the issue asks for, per size, with whether each meets its target. The operator runs in its own JVM
     * ({@link OperatorProcess}), so its heap, resident memory and CPU are its own; its peak resident memory is what
     * the chart's memory limit is compared with.
     */
    record Summary(int pairs, int pollsDone, double pollsScheduled, double pollsDoneShare, long operatorHeapBytes,
                   long operatorResidentBytes, long operatorPeakResidentBytes, double operatorCpuCores,
                   double reconcileP99Millis, double requestsPerDirectorPerPoll, double secondsToReady,
                   Map<String, Boolean> targetsMet) {

        static Summary of(Size size) {
            // Polls are counted over the span each director's request log covers (it keeps its last 10,000).
            DirectorRequests fewer = size.primary().pollsPerSecond() <= size.meta().pollsPerSecond()
                    ? size.primary() : size.meta();
            int done = fewer.polls();
            double scheduled = size.scheduledPairPollsPerSecond() * fewer.seconds();
            double cores = size.operatorCpuPercentOfOneCore() / 100;
            double perPoll = Math.max(size.primary().perPoll(), size.meta().perPoll());
            Map<String, Boolean> met = new LinkedHashMap<>();
            met.put("pollsDone", done >= TARGET_POLLS_DONE_SHARE * scheduled);
            met.put("heap", size.operatorHeapBytes() <= TARGET_HEAP_BYTES);
            met.put("processWithinChartLimit", size.operatorPeakResidentBytes() <= CHART_MEMORY_LIMIT_BYTES);
            met.put("cpu", cores <= TARGET_CORES);
            met.put("reconcileP99", size.reconciles().p99Millis() <= TARGET_RECONCILE_P99_MILLIS);
            met.put("requestsPerDirectorPerPoll", perPoll <= TARGET_REQUESTS_PER_DIRECTOR_PER_POLL);
            met.put("readyWithin30s", size.readyPairs() == size.pairs()
                    && size.secondsToReady() <= TARGET_SECONDS_TO_READY);
            return new Summary(size.pairs(), done, scheduled, done / scheduled, size.operatorHeapBytes(),
                    size.operatorResidentBytes(), size.operatorPeakResidentBytes(), cores,
                    size.reconciles().p99Millis(), perPoll, size.secondsToReady(), met);
        }
    }

    @Override
    public String id() {
        return "scale";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) throws Exception {
        List<Size> sizes = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        try (World world = MutualWorlds.start(options.scaleTimeScale(), workDir.resolve("world"))) {
            for (int pairs : options.sizes()) {
                Size size = measure(world, pairs, options, workDir, summaries);
                sizes.add(size);
                Progress.say("scale: %d pairs: operator CPU %.1f%% of a core, heap %d MiB, reconcile p50 %.1f ms "
                                + "p99 %.1f ms, %.1f requests per director per poll", pairs,
                        size.operatorCpuPercentOfOneCore(), size.operatorHeapBytes() >> 20,
                        size.reconciles().p50Millis(), size.reconciles().p99Millis(), size.primary().perPoll());
            }
        }
        return section(sizes, summaries, options);
    }

    private static Size measure(World world, int pairs, BenchOptions options, Path workDir,
                                List<Summary> summaries) throws Exception {
        try (PairFleet fleet = new PairFleet(options.crd())) {
            Progress.say("scale: creating %d pairs", pairs);
            fleet.addPairs(world, pairs, new HealthSpec());
            fleet.watched();
            int apiAtStart = fleet.apiRequests().size();
            long started = System.nanoTime();
            CpuSnapshot atStart = CpuSnapshot.take();
            try (OperatorProcess operator = fleet.startProcess(workDir.resolve("operator-" + pairs + ".log"))) {
                Duration limit = Duration.ofSeconds(Math.max(120, pairs / 2));
                PairFleet.Tally tally = fleet.tally();
                Waiting.until("a status on every pair", limit, LOOK, () -> tally.withStatus() == pairs);
                long firstStatus = tally.statusGrewAt();
                long ready = awaitReady(tally, pairs, limit);
                // What the start-up cost until every pair was Ready: the operator's, and the simulated directors' and
                // API mock's, which share the machine's CPUs with it.
                Map<String, Double> cpuToReady = new LinkedHashMap<>();
                cpuToReady.put("operator process", operator.cpuSeconds());
                CpuSnapshot atReady = CpuSnapshot.take();
                cpuToReady.put("benchmark process", (atReady.processCpuNanos() - atStart.processCpuNanos()) / 1e9);
                cpuToReady.putAll(benchmarkShares(atReady, atStart));
                atReady.busiestSince(atStart, 8).forEach((thread, nanos) ->
                        cpuToReady.put("benchmark thread: " + thread, nanos / 1e9));
                int readyPairs = tally.ready();
                List<ApiRequest> apiToReady = fleet.apiRequests();
                Map<String, Integer> kubeApiToReady = KubeApiRequests.byRoute(
                        apiToReady.subList(apiAtStart, apiToReady.size()));
                Progress.say("scale: %d of %d pairs Ready after %.1f s", readyPairs, pairs,
                        Waiting.seconds(started, ready));
                long startupDone = awaitStartupDone(fleet, limit);
                Progress.say("scale: start-up done after %.1f s (every pair's first agent checks in its status, the "
                        + "start-up's Events sent); measuring for %d s after one more poll",
                        Waiting.seconds(started, startupDone), options.windowSeconds());
                Thread.sleep(HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS * 1000L);

                Map<Double, Double> bucketsBefore = operator.reconcileBuckets();
                double operatorCpuBefore = operator.cpuSeconds();
                CpuSnapshot before = CpuSnapshot.take();
                Instant from = Instant.now();
                int apiBefore = fleet.apiRequests().size();
                long windowStart = System.nanoTime();
                // The measurement window: the operator runs undisturbed while its CPU and requests are counted.
                Thread.sleep(options.windowSeconds() * 1000L);
                double operatorCpu = operator.cpuSeconds() - operatorCpuBefore;
                CpuSnapshot after = CpuSnapshot.take();
                Instant to = Instant.now();
                List<ApiRequest> api = fleet.apiRequests();
                Map<String, Integer> kubeApi = KubeApiRequests.byRoute(api.subList(apiBefore, api.size()));
                Map<String, Integer> eventReasons = fleet.eventReasonsSince(from);
                WindowMeters.Reconciles reconciles = OperatorProcess.between(bucketsBefore,
                        operator.reconcileBuckets());
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                double seconds = Waiting.seconds(windowStart, System.nanoTime());
                DirectorRequests primary = DirectorRequests.of(world.requests("primary"), from, to);
                DirectorRequests meta = DirectorRequests.of(world.requests("meta"), from, to);
                long[] resident = operator.residentBytes();
                long heap = operator.heapAfterGc();

                Map<String, Double> cpu = new LinkedHashMap<>();
                cpu.put("operator process", operatorCpu);
                after.since(before).forEach((group, nanos) -> cpu.put("benchmark process: " + group, nanos / 1e9));
                Map<String, Double> busiest = new LinkedHashMap<>();
                after.busiestSince(before, 20).forEach((name, nanos) -> busiest.put(name, nanos / 1e9));
                double pairPollsPerSecond = primary.pollsPerSecond();
                Size size = new Size(pairs, Waiting.seconds(started, firstStatus), Waiting.seconds(started, ready),
                        readyPairs, Waiting.seconds(started, startupDone), cpuToReady, kubeApiToReady, seconds, cpu,
                        busiest, 100 * operatorCpu / seconds,
                        1000 * operatorCpu / seconds / pairPollsPerSecond, heap, resident[0], resident[1], reconciles,
                        (double) pairs / HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS, primary, meta, kubeApi, eventReasons, load);
                summaries.add(Summary.of(size));
                return size;
            }
        }
    }

    /**
     * Waits for the start-up's tail to end, so that the window measures the steady state: a pair is Ready before
     * its first agent checks (spread over the first minute at each pair's slot) have written the agents' job
     * states into its status, and before the Events of its first conditions have been sent (one sender thread).
     * Past the limit it measures anyway and says so.
     */
    private static long awaitStartupDone(PairFleet fleet, Duration limit) throws InterruptedException {
        try {
            Waiting.until("every pair's first agent checks in its status", limit, () -> fleet.watched().stream()
                    .allMatch(p -> p.getStatus() != null && p.getStatus().getPrimary() != null
                            && p.getStatus().getPrimary().getJobState() != null && p.getStatus().getMeta() != null
                            && p.getStatus().getMeta().getJobState() != null));
            int[] events = {-1};
            long[] unchangedSince = {System.nanoTime()};
            // each look copies the API's record of every request: a few looks a second, for a 5 s quiet
            return Waiting.until("the start-up's Events sent", limit, Duration.ofMillis(250), () -> {
                int now = (int) fleet.apiRequests().stream().filter(r -> "POST".equals(r.method())
                        && KubeApiRequests.route(r.path()).startsWith("events")).count();
                if (now != events[0]) {
                    events[0] = now;
                    unchangedSince[0] = System.nanoTime();
                }
                return Waiting.seconds(unchangedSince[0], System.nanoTime()) >= EVENTS_QUIET_SECONDS;
            });
        } catch (IllegalStateException | ConditionTimeoutException notDone) {
            Progress.say("scale: start-up not done: %s", notDone.getMessage());
            return System.nanoTime();
        }
    }

    /**
     * The benchmark process's CPU by thread group, and what no live thread accounts for (the JVM's compilers and
     * collector, and threads that ended meanwhile).
     */
    private static Map<String, Double> benchmarkShares(CpuSnapshot now, CpuSnapshot before) {
        Map<String, Double> shares = new LinkedHashMap<>();
        long threads = 0;
        for (Map.Entry<String, Long> group : now.since(before).entrySet()) {
            if (!group.getKey().equals("process")) {
                shares.put("benchmark process: " + group.getKey(), group.getValue() / 1e9);
                threads += group.getValue();
            }
        }
        shares.put("benchmark process: no live thread (compilers, collector, ended threads)",
                (now.processCpuNanos() - before.processCpuNanos() - threads) / 1e9);
        return shares;
    }

    /**
     * Waits for every pair to be Ready and returns when the last one became so; past the limit, measures anyway and
     * reports how many were.
     */
    private static long awaitReady(PairFleet.Tally tally, int pairs, Duration limit) throws InterruptedException {
        try {
            Waiting.until("every pair Ready", limit, LOOK, () -> tally.ready() == pairs);
            return tally.readyGrewAt();
        } catch (IllegalStateException | ConditionTimeoutException notAll) {
            Progress.say("scale: %s", notAll.getMessage());
            return System.nanoTime();
        }
    }

    private Section section(List<Size> sizes, List<Summary> summaries, BenchOptions options) {
        List<List<String>> rows = new ArrayList<>();
        for (Size s : sizes) {
            rows.add(List.of(String.valueOf(s.pairs()),
                    f1(s.operatorCpuPercentOfOneCore()) + " %",
                    f2(s.operatorCpuMillisPerPairPoll()),
                    (s.operatorHeapBytes() >> 20) + " MiB / " + (s.operatorPeakResidentBytes() >> 20) + " MiB",
                    f1(s.reconciles().p50Millis()) + " / " + f1(s.reconciles().p99Millis()),
                    f1(s.primary().perPoll()) + " / " + f1(s.meta().perPoll()),
                    f1(s.primary().pollsPerSecond()) + " of " + f1(s.scheduledPairPollsPerSecond()),
                    f1(s.secondsToFirstStatus()) + " / " + f1(s.secondsToReady())
                            + (s.readyPairs() < s.pairs() ? " (" + s.readyPairs() + " Ready)" : "")
                            + " / " + f1(s.secondsToStartupDone()),
                    f1(s.machineLoadAverage())));
        }
        List<String> notes = new ArrayList<>();
        for (Summary summary : summaries) {
            notes.add(String.format(Locale.ROOT, "%d pairs: %d of %.0f scheduled polls done (%.0f %%), operator heap "
                            + "%d MiB after GC, resident %d MiB (peak %d MiB) of the chart's %d MiB limit, %.2f core, "
                            + "reconcile p99 at most %.1f ms, %.1f requests per director per poll, all Ready after "
                            + "%.1f s; targets met: %s",
                    summary.pairs(), summary.pollsDone(), summary.pollsScheduled(), 100 * summary.pollsDoneShare(),
                    summary.operatorHeapBytes() >> 20, summary.operatorResidentBytes() >> 20,
                    summary.operatorPeakResidentBytes() >> 20, CHART_MEMORY_LIMIT_BYTES >> 20,
                    summary.operatorCpuCores(), summary.reconcileP99Millis(), summary.requestsPerDirectorPerPoll(),
                    summary.secondsToReady(), summary.targetsMet()));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("worldTimeScale", options.scaleTimeScale());
        figures.put("pollIntervalSeconds", HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS);
        figures.put("summary", summaries);
        figures.put("sizes", sizes);
        return new Section(id(), "Scale: pairs watched by one operator", true, figures,
                new Section.Table(List.of("pairs", "operator CPU (of one core)", "CPU ms per pair poll",
                        "operator heap after GC / peak resident", "reconcile p50 / p99 ms (at most)",
                        "requests per director per poll (Primary / Meta)", "pair polls/s done of scheduled",
                        "start to status on all / all Ready / start-up done (s)", "machine load (1 min)"), rows),
                concat(notes, "Default health settings (poll every " + HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS
                                + " s), production operator settings (POLLING_THREADS, "
                                + "started on demand); measured over a "
                                + options.windowSeconds() + " s window opened one poll interval after the start-up "
                                + "was done: every pair Ready, its first agent checks (spread over the first half "
                                + "minute) written into its status, and no start-up Event sent for "
                                + EVENTS_QUIET_SECONDS + " s. The start-up's own cost is in the time until then.",
                        "All pairs point at one simulated Primary and Meta, served by the benchmark's JVM with the "
                                + "Kubernetes API mock. The operator runs as deployed, `Main` in a JVM of its own "
                                + "with the chart's memory settings (" + String.join(" ", OperatorProcess.CHART_JVM_OPTIONS)
                                + "), reaching the API through a kubeconfig: its CPU is that whole process's (GC and "
                                + "JIT included) and nothing of the simulated directors or the API mock is in it; "
                                + "results.json also has the benchmark process's CPU by thread group.",
                        "Heap: used heap of the operator's JVM after full GCs (`jcmd GC.run`, `GC.heap_info`) at the "
                                + "end of the window; resident memory is its VmRSS then and its peak (VmHWM) since "
                                + "start, to compare with the chart's memory limit.",
                        "Reconcile time: JOSDK's `" + WindowMeters.RECONCILE_TIMER + "` timer, read from the "
                                + "operator's /metrics histogram at both ends of the window: p50 and p99 are the upper "
                                + "bounds of the buckets that hold them. The observation (director calls) runs on the "
                                + "polling threads, outside the reconcile.",
                        "Requests per poll: requests from the operator to a director divided by its authenticated "
                                + "`GET /info` (one per poll). While all is well most polls ask `/info` alone and a "
                                + "pair's details (four more requests) are read every 60 s, so the window's average "
                                + "holds them; the manifest and the agent check (a task), every 5 min, mostly fall "
                                + "outside it."));
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
