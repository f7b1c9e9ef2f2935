package io.binarybosh.operator.act;

import io.binarybosh.operator.observe.DirectorRole;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts and times detections and repairs, by role and result only (never by pair: a thousand pairs must not
 * make a thousand series). The one exception is director reachability, a gauge per pair and role that is
 * removed with the pair: it is what an alert on a down director needs.
 */
public final class PairMetrics {

    private record Reachability(ResourceID pair, DirectorRole role) {
    }

    private final MeterRegistry registry;
    private final Map<Reachability, AtomicInteger> reachability = new ConcurrentHashMap<>();

    public PairMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A director was found down; {@code sinceLastAnswer} is how long after its last answer. */
    public void detected(DirectorRole role, Duration sinceLastAnswer) {
        Timer.builder("binarybosh.detection")
                .description("Time from a director's last answer to the operator finding it down")
                .tag("role", role.fieldName())
                .register(registry)
                .record(sinceLastAnswer);
    }

    /** A repair was asked of the peer; {@code sinceLastAnswer} is how long the director had been down. */
    public void repairStarted(DirectorRole role, Duration sinceLastAnswer) {
        Counter.builder("binarybosh.repairs.started").description("Repairs the operator started")
                .tag("role", role.fieldName()).register(registry).increment();
        Timer.builder("binarybosh.repair.start.delay")
                .description("Time from a director's last answer to the operator starting its repair")
                .tag("role", role.fieldName())
                .register(registry)
                .record(sinceLastAnswer);
    }

    public void operationFinished(String type, String target, String result, Duration took) {
        Timer.builder("binarybosh.operations")
                .description("Operations the operator finished, by type and result")
                .tag("type", type)
                .tag("target", target == null ? "none" : target)
                .tag("result", result)
                .register(registry)
                .record(took);
    }

    public void unpaused(DirectorRole role) {
        Counter.builder("binarybosh.resurrection.unpaused").description("Times the operator unpaused resurrection")
                .tag("role", role.fieldName()).register(registry).increment();
    }

    /** A migration step ended and the next began; {@code took} is how long the step ran. */
    public void migrationStep(String step, Duration took) {
        Timer.builder("binarybosh.migration.steps")
                .description("Migration steps completed, with how long each took")
                .tag("step", step)
                .register(registry)
                .record(took);
    }

    /** Bytes a migration copy moved since its last report (rsync's own count). */
    public void copied(long bytes) {
        Counter.builder("binarybosh.migration.copied").baseUnit("bytes")
                .description("Bytes the migration copies transferred")
                .register(registry).increment(bytes);
    }

    /** The transfer rate of the last finished copy, in bytes per second. */
    public void copyRate(double bytesPerSecond) {
        io.micrometer.core.instrument.DistributionSummary.builder("binarybosh.migration.copy.rate")
                .baseUnit("bytes_per_second")
                .description("Transfer rate of each finished migration copy")
                .register(registry).record(bytesPerSecond);
    }

    /**
     * Sets {@code binarybosh.director.reachable} (1 or 0) for each director the pair declares; a director no
     * longer declared (a Micro after the migration) loses its series.
     */
    public void reachability(ResourceID pair, Map<DirectorRole, Boolean> reachable) {
        for (DirectorRole role : DirectorRole.values()) {
            Reachability key = new Reachability(pair, role);
            Boolean value = reachable.get(role);
            if (value == null) {
                removeReachability(key);
            } else {
                reachability.computeIfAbsent(key, this::registerReachability).set(value ? 1 : 0);
            }
        }
    }

    /** Removes every series of a deleted pair. */
    public void forget(ResourceID pair) {
        for (DirectorRole role : DirectorRole.values()) {
            removeReachability(new Reachability(pair, role));
        }
    }

    private AtomicInteger registerReachability(Reachability key) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder("binarybosh.director.reachable", value, AtomicInteger::get)
                .description("1 when the director answered the operator's last poll over verified TLS, else 0")
                .tag("namespace", key.pair().getNamespace().orElse(""))
                .tag("pair", key.pair().getName())
                .tag("role", key.role().fieldName())
                .register(registry);
        return value;
    }

    private void removeReachability(Reachability key) {
        if (reachability.remove(key) != null) {
            registry.find("binarybosh.director.reachable")
                    .tag("namespace", key.pair().getNamespace().orElse(""))
                    .tag("pair", key.pair().getName())
                    .tag("role", key.role().fieldName())
                    .gauges()
                    .forEach(registry::remove);
        }
    }
}
