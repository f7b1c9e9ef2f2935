package io.binarybosh.operator.metrics;

import io.binarybosh.operator.model.DirectorRole;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts and times detections and repairs, by role and result only (never by pair: a thousand pairs must not
 * make a thousand series), with histograms for latency quantiles. The exceptions are what alerts on one pair
 * need, each a gauge per pair removed with the pair: director reachability, and the pair's state (Ready, Blocked
 * with its reason, SplitBrain, an approval awaited, the operation and step in flight).
 */
public final class PairMetrics {

    private record Reachability(ResourceID pair, DirectorRole role) {
    }

    /**
     * What the state gauges show of one pair.
     *
     * @param blockedReason the Blocked condition's reason while it is True, else empty
     * @param operationType the operation in flight's type, empty when none; {@code operationStep} likewise
     */
    public record PairState(boolean ready, String blockedReason, boolean splitBrain, boolean awaitingApproval,
                            String operationType, String operationStep) {
    }

    private final MeterRegistry registry;
    private final Map<Reachability, AtomicInteger> reachability = new ConcurrentHashMap<>();
    private final Map<ResourceID, Map<String, Gauge>> stateGauges = new ConcurrentHashMap<>();
    private final Map<ResourceID, Map<String, AtomicInteger>> stateValues = new ConcurrentHashMap<>();

    public PairMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Sets the pair's state gauges to what the operator has just written. A gauge whose labels stay is only set (a
     * scrape never finds it missing); one whose labels change (a new Blocked reason, another step) is replaced.
     */
    public synchronized void state(ResourceID pair, PairState state) {
        Tags tags = Tags.of("namespace", pair.getNamespace().orElse(""), "pair", pair.getName());
        set(pair, "binarybosh.pair.ready", "1 while the pair's Ready condition is True, else 0", tags,
                state.ready());
        set(pair, "binarybosh.pair.blocked", "1, with the reason, while the operator will not act until a person "
                + "changes something; 0 with an empty reason otherwise", tags.and("reason", state.blockedReason()),
                !state.blockedReason().isEmpty());
        set(pair, "binarybosh.pair.split.brain", "1 while two directors hold the same deployment, else 0", tags,
                state.splitBrain());
        set(pair, "binarybosh.pair.awaiting.approval", "1 while the operation in flight waits for a person's "
                + "approval annotation, else 0", tags, state.awaitingApproval());
        set(pair, "binarybosh.pair.operation", "1, with type and step, while an operation is in flight; 0 with "
                + "empty labels otherwise", tags.and("type", state.operationType(), "step", state.operationStep()),
                !state.operationType().isEmpty());
    }

    private void set(ResourceID pair, String name, String description, Tags tags, boolean one) {
        Map<String, Gauge> gauges = stateGauges.computeIfAbsent(pair, key -> new ConcurrentHashMap<>());
        Map<String, AtomicInteger> values = stateValues.computeIfAbsent(pair, key -> new ConcurrentHashMap<>());
        Gauge current = gauges.get(name);
        if (current == null || !Tags.of(current.getId().getTagsAsIterable()).equals(tags)) {
            if (current != null) {
                registry.remove(current);
            }
            AtomicInteger value = new AtomicInteger();
            values.put(name, value);
            gauges.put(name, Gauge.builder(name, value, AtomicInteger::get).description(description).tags(tags)
                    .register(registry));
        }
        values.get(name).set(one ? 1 : 0);
    }

    /** A director was found down; {@code sinceLastAnswer} is how long after its last answer. */
    public void detected(DirectorRole role, Duration sinceLastAnswer) {
        Timer.builder("binarybosh.detection")
                .description("Time from a director's last answer to the operator finding it down")
                .tag("role", role.fieldName())
                .publishPercentileHistogram()
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
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceLastAnswer);
    }

    public void operationFinished(String type, String target, String result, Duration took) {
        Timer.builder("binarybosh.operations")
                .description("Operations the operator finished, by type and result")
                .tag("type", type)
                .tag("target", target == null ? "none" : target)
                .tag("result", result)
                .publishPercentileHistogram()
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
                .publishPercentileHistogram()
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
        Map<String, Gauge> gauges = stateGauges.remove(pair);
        if (gauges != null) {
            gauges.values().forEach(registry::remove);
        }
        stateValues.remove(pair);
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
