package io.binarybosh.operator.metrics;

import io.binarybosh.operator.model.DirectorRole;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PairMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PairMetrics metrics = new PairMetrics(registry);
    private final ResourceID bosh = new ResourceID("bosh", "bosh-system");
    private final ResourceID other = new ResourceID("other", "bosh-system");

    private double value(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void eachPairHasOneSeriesPerStateGaugeWhoseLabelsFollowTheState() {
        metrics.state(bosh, new PairMetrics.PairState(false, "AdoptionFailed", false, true, "Migration", "Scanning"));
        metrics.state(other, new PairMetrics.PairState(true, "", false, false, "", ""));

        assertThat(value("binarybosh.pair.ready", "pair", "bosh", "namespace", "bosh-system")).isZero();
        assertThat(value("binarybosh.pair.ready", "pair", "other")).isEqualTo(1);
        assertThat(value("binarybosh.pair.blocked", "pair", "bosh", "reason", "AdoptionFailed")).isEqualTo(1);
        assertThat(value("binarybosh.pair.blocked", "pair", "other", "reason", "")).isZero();
        assertThat(value("binarybosh.pair.awaiting.approval", "pair", "bosh")).isEqualTo(1);
        assertThat(value("binarybosh.pair.operation", "pair", "bosh", "type", "Migration", "step", "Scanning"))
                .isEqualTo(1);

        metrics.state(bosh, new PairMetrics.PairState(true, "", true, false, "", ""));
        assertThat(registry.find("binarybosh.pair.blocked").tag("pair", "bosh").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.getId().getTag("reason")).isEmpty());
        assertThat(registry.find("binarybosh.pair.operation").tag("pair", "bosh").gauges()).singleElement()
                .satisfies(gauge -> assertThat(gauge.value()).isZero());
        assertThat(value("binarybosh.pair.split.brain", "pair", "bosh")).isEqualTo(1);

        metrics.forget(bosh);
        assertThat(registry.find("binarybosh.pair.ready").tag("pair", "bosh").gauges()).isEmpty();
        assertThat(registry.find("binarybosh.pair.ready").tag("pair", "other").gauges()).hasSize(1);
    }

    @Test
    void aPrometheusScrapeShowsTheStateAsItChanges() {
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        PairMetrics scraped = new PairMetrics(prometheus);
        scraped.state(bosh, new PairMetrics.PairState(false, "", false, false, "", ""));
        assertThat(prometheus.scrape()).containsPattern("(?m)^binarybosh_pair_ready\\{.*pair=\"bosh\"} 0");
        scraped.state(bosh, new PairMetrics.PairState(true, "", false, false, "", ""));
        assertThat(prometheus.scrape()).containsPattern("(?m)^binarybosh_pair_ready\\{.*pair=\"bosh\"} 1");
    }

    @Test
    void latenciesAreHistogramsInPrometheus() {
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        PairMetrics scraped = new PairMetrics(prometheus);
        scraped.detected(io.binarybosh.operator.model.DirectorRole.META, Duration.ofSeconds(40));
        scraped.operationFinished("Repair", "primary", "Succeeded", Duration.ofMinutes(3));
        assertThat(prometheus.scrape()).contains("binarybosh_detection_seconds_bucket{",
                "binarybosh_operations_seconds_bucket{");
    }
}
