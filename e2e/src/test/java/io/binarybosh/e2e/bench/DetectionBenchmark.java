package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.sim.hm.Alert;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kills the VM of Primary and Meta in turn and measures how long the operator takes to set the pair's
 * {@code PrimaryHealthy}/{@code MetaHealthy} to False, and, in the same run, how long the peer's health monitor takes
 * to alert on the dead agent and to request {@code scan_and_fix}. After each kill the health monitor resurrects the
 * VM and the next kill waits for the pair to be Ready again.
 */
final class DetectionBenchmark implements Benchmark {

    static final int POLL_SECONDS = 1;
    static final int UNREACHABLE_AFTER_SECONDS = 1;
    private static final Duration LIMIT = Duration.ofMinutes(3);

    /** One kill: seconds from the kill to each observer noticing it. */
    record Kill(String director, double operatorSeconds, double hmAlertSeconds, double hmScanAndFixSeconds) {
    }

    @Override
    public String id() {
        return "detection";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) throws Exception {
        List<Kill> kills = new ArrayList<>();
        try (World world = MutualWorlds.start(options.timeScale(), workDir.resolve("world"));
             PairFleet fleet = new PairFleet(options.crd())) {
            HealthSpec health = new HealthSpec();
            health.setPollIntervalSeconds(POLL_SECONDS);
            health.setUnreachableAfterSeconds(UNREACHABLE_AFTER_SECONDS);
            // The health monitors resurrect; the operator must only observe, never repair, in this benchmark.
            health.setForceRecreateAfterSeconds(3600);
            fleet.addPairs(world, 1, health);
            fleet.start(new CompositeMeterRegistry());
            awaitReady(fleet);
            for (int i = 0; i < options.kills(); i++) {
                Kill kill = kill(world, fleet, i % 2 == 0 ? "primary" : "meta");
                kills.add(kill);
                Progress.say("detection: kill %d/%d %s: operator %.2f s, health monitor %.2f s",
                        i + 1, options.kills(), kill.director(), kill.operatorSeconds(), kill.hmAlertSeconds());
                awaitReady(fleet);
            }
        }
        return section(options, kills);
    }

    private static void awaitReady(PairFleet fleet) throws InterruptedException {
        Waiting.until("the pair to be Ready", LIMIT, () -> {
            BinaryBoshPair pair = fleet.pair(0);
            return PairFleet.is(pair, "Ready", "True") && PairFleet.is(pair, "PrimaryHealthy", "True")
                    && PairFleet.is(pair, "MetaHealthy", "True");
        });
    }

    private static Kill kill(World world, PairFleet fleet, String director) throws InterruptedException {
        String peer = director.equals("primary") ? "meta" : "primary";
        String deployment = world.endpoint(director).deployment();
        String condition = director.equals("primary") ? "PrimaryHealthy" : "MetaHealthy";
        var peerHm = world.director(peer).healthMonitor();
        Instant killedAt = Instant.now();
        long killed = System.nanoTime();
        world.faults().killDirectorVm(director);
        long detected = Waiting.until(condition + "=False", LIMIT,
                () -> PairFleet.is(fleet.pair(0), condition, "False"));
        Waiting.until("the health monitor of " + peer + " to request scan_and_fix", LIMIT,
                () -> firstAlert(peerHm.alerts(), killedAt, "Scan unresponsive VMs").isPresent());
        Alert alert = firstAlert(peerHm.alerts(), killedAt, deployment + " has instances").orElseThrow();
        Alert scan = firstAlert(peerHm.alerts(), killedAt, "Scan unresponsive VMs").orElseThrow();
        return new Kill(director, Waiting.seconds(killed, detected), secondsBetween(killedAt, alert.createdAt()),
                secondsBetween(killedAt, scan.createdAt()));
    }

    private static Optional<Alert> firstAlert(List<Alert> alerts, Instant after, String titlePrefix) {
        return alerts.stream().filter(a -> !a.createdAt().isBefore(after))
                .filter(a -> a.title().startsWith(titlePrefix)).findFirst();
    }

    private static double secondsBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private Section section(BenchOptions options, List<Kill> kills) {
        Stats operator = Stats.of(kills.stream().map(Kill::operatorSeconds).toList());
        Stats alert = Stats.of(kills.stream().map(Kill::hmAlertSeconds).toList());
        Stats scan = Stats.of(kills.stream().map(Kill::hmScanAndFixSeconds).toList());
        double scale = options.timeScale();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kills", kills.size());
        figures.put("worldTimeScale", scale);
        figures.put("operatorPollIntervalSeconds", POLL_SECONDS);
        figures.put("operatorUnreachableAfterSeconds", UNREACHABLE_AFTER_SECONDS);
        figures.put("operatorSeconds", operator);
        figures.put("operatorSecondsPrimaryKilled", Stats.of(kills.stream()
                .filter(k -> k.director().equals("primary")).map(Kill::operatorSeconds).toList()));
        figures.put("operatorSecondsMetaKilled", Stats.of(kills.stream()
                .filter(k -> k.director().equals("meta")).map(Kill::operatorSeconds).toList()));
        figures.put("healthMonitorAlertSeconds", alert);
        figures.put("healthMonitorScanAndFixSeconds", scan);
        figures.put("healthMonitorAlertSecondsAtRealBoshTimings", scaled(alert, 1 / scale));
        figures.put("perKill", kills);
        List<List<String>> rows = List.of(
                row("operator: kill to `...Healthy=False`", operator, "poll " + POLL_SECONDS
                        + " s, unreachableAfter " + UNREACHABLE_AFTER_SECONDS + " s (real seconds)"),
                row("peer's health monitor: kill to alert (agent timed out)", alert,
                        "simulated, time scale " + scale),
                row("peer's health monitor: kill to `scan_and_fix` request", scan, "simulated, time scale " + scale),
                row("health monitor alert at real BOSH timings (÷ time scale)", scaled(alert, 1 / scale),
                        "agent_timeout 60 s, analyze_agents 60 s"));
        return new Section(id(), "Detection: director VM killed", true, figures,
                new Section.Table(List.of("measure", "median s", "max s", "kills", "settings"), rows),
                List.of("Kills alternate between Primary and Meta; after each, the peer's health monitor resurrects "
                                + "the VM and the next kill waits for the pair to be Ready again.",
                        "The operator's figure is taken by polling the pair's condition every "
                                + Waiting.STEP.toMillis() + " ms through the Kubernetes API; the health monitor's "
                                + "from the creation time of its own alerts.",
                        "Expected for the operator: up to one poll interval to notice the silence, plus "
                                + "unreachableAfterSeconds (rounded up to a poll) before it counts as down."));
    }

    private static Stats scaled(Stats s, double factor) {
        return new Stats(s.count(), s.median() * factor, s.max() * factor, s.min() * factor, s.mean() * factor);
    }

    private static List<String> row(String measure, Stats stats, String settings) {
        return List.of(measure, format(stats.median()), format(stats.max()), String.valueOf(stats.count()), settings);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
