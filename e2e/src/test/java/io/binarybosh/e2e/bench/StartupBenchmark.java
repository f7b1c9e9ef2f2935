package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * From building and starting the operator to its first reconcile (JOSDK's reconcile counter appears), to the
 * first status it writes and to the pair being Ready (both directors observed), each time on a fresh Kubernetes
 * API holding one pair of a mutually managed world. The first start in the JVM is the cold one: it loads the
 * operator's classes (the world's are loaded already); the others show a warm JVM.
 */
final class StartupBenchmark implements Benchmark {

    static final String RECONCILE_STARTED = "operator.sdk.reconciliations.started";
    private static final Duration LIMIT = Duration.ofMinutes(2);

    record Start(double firstReconcileSeconds, double firstStatusSeconds, double readySeconds) {
    }

    @Override
    public String id() {
        return "startup";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) throws Exception {
        List<Start> starts = new ArrayList<>();
        try (World world = MutualWorlds.start(options.timeScale(), workDir.resolve("world"))) {
            for (int i = 0; i < options.startupRuns(); i++) {
                Start start = start(world, options);
                starts.add(start);
                Progress.say("startup %d/%d: first reconcile %.3f s, first status %.3f s, Ready %.3f s", i + 1,
                        options.startupRuns(), start.firstReconcileSeconds(), start.firstStatusSeconds(),
                        start.readySeconds());
            }
        }
        return section(starts);
    }

    private static Start start(World world, BenchOptions options) throws InterruptedException {
        try (PairFleet fleet = new PairFleet(options.crd())) {
            fleet.addPairs(world, 1, new HealthSpec());
            CompositeMeterRegistry meters = new CompositeMeterRegistry();
            AtomicLong firstReconcile = new AtomicLong();
            meters.config().onMeterAdded(meter -> {
                if (RECONCILE_STARTED.equals(meter.getId().getName())) {
                    firstReconcile.compareAndSet(0, System.nanoTime());
                }
            });
            long started = System.nanoTime();
            fleet.start(meters);
            long status = Waiting.until("a status", LIMIT, () -> fleet.pair(0).getStatus() != null);
            long ready = Waiting.until("Ready", LIMIT, () -> {
                BinaryBoshPair pair = fleet.pair(0);
                return PairFleet.is(pair, "Ready", "True");
            });
            return new Start(Waiting.seconds(started, firstReconcile.get()), Waiting.seconds(started, status),
                    Waiting.seconds(started, ready));
        }
    }

    private Section section(List<Start> starts) {
        List<Start> warm = starts.subList(Math.min(1, starts.size()), starts.size());
        Stats warmReconcile = Stats.of(warm.stream().map(Start::firstReconcileSeconds).toList());
        Stats warmStatus = Stats.of(warm.stream().map(Start::firstStatusSeconds).toList());
        Stats warmReady = Stats.of(warm.stream().map(Start::readySeconds).toList());
        Start cold = starts.get(0);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cold", cold);
        figures.put("warmFirstReconcileSeconds", warmReconcile);
        figures.put("warmFirstStatusSeconds", warmStatus);
        figures.put("warmReadySeconds", warmReady);
        figures.put("runs", starts);
        List<List<String>> rows = List.of(
                List.of("first reconcile", DetectionBenchmark.format(cold.firstReconcileSeconds()),
                        DetectionBenchmark.format(warmReconcile.median())),
                List.of("first status written", DetectionBenchmark.format(cold.firstStatusSeconds()),
                        DetectionBenchmark.format(warmStatus.median())),
                List.of("pair Ready (both directors observed)", DetectionBenchmark.format(cold.readySeconds()),
                        DetectionBenchmark.format(warmReady.median())));
        return new Section(id(), "Operator start to first reconcile", true, figures,
                new Section.Table(List.of("from start to", "cold JVM s", "warm JVM s (median of "
                        + warm.size() + ")"), rows),
                List.of("Start means building and starting the operator in a JVM already running the simulated "
                                + "world and the Kubernetes API mock (JVM start-up itself is not included).",
                        "The operator starts its informer of the pairs before it reconciles; the "
                                + "pair becomes Ready after the first poll of both directors; the agent check (a director "
                                + "task) waits for the pair's slot in its five minutes and is not part of it."));
    }
}
