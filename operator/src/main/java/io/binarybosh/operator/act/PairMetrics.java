package io.binarybosh.operator.act;

import io.binarybosh.operator.observe.DirectorRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Counts and times detections and repairs, by role and result only (never by pair: a thousand pairs must not
 * make a thousand series).
 */
public final class PairMetrics {

    private final MeterRegistry registry;

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
}
