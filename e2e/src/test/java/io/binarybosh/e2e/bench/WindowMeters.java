package io.binarybosh.e2e.bench;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A registry added to the operator's composite registry when a window opens: it sees only what happens from
 * then on (start-up reconciles stay out), and keeps p50 and p99 of JOSDK's reconcile timer for the whole window.
 */
final class WindowMeters {

    static final String RECONCILE_TIMER = "operator.sdk.controllers.execution.reconcile";

    /** p50, p99 and max in milliseconds, and how many reconciles the window saw. */
    record Reconciles(long count, double p50Millis, double p99Millis, double maxMillis) {
    }

    private final SimpleMeterRegistry window = new SimpleMeterRegistry();

    WindowMeters(CompositeMeterRegistry operatorMeters) {
        window.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(RECONCILE_TIMER)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).percentilePrecision(3)
                        .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config);
            }
        });
        operatorMeters.add(window);
    }

    Reconciles reconciles() {
        Timer timer = window.find(RECONCILE_TIMER).timer();
        if (timer == null) {
            return new Reconciles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (value.percentile() == 0.5) {
                p50 = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                p99 = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return new Reconciles(snapshot.count(), p50, p99, snapshot.max(TimeUnit.MILLISECONDS));
    }
}
