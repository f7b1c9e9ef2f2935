package io.binarybosh.operator.crd;

import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.model.DirectorRole;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/reference.md says what the CRD says (its generated tables) and names every metric the operator exports. */
class ReferenceFileTest {

    private static Path committed() {
        return Path.of(System.getProperty("committedReference", "../docs/reference.md"));
    }

    @Test
    void generatedTablesAreWhatTheCrdSays() throws IOException {
        String reference = Files.readString(committed());
        ReferenceWriter writer = new ReferenceWriter(CrdFiles.YAML.readTree(CrdFiles.generated().toFile()));

        assertThat(reference).contains("<!-- BEGIN GENERATED: spec -->", "<!-- BEGIN GENERATED: status -->",
                "<!-- BEGIN GENERATED: columns -->", "<!-- BEGIN GENERATED: rules -->",
                "<!-- BEGIN GENERATED: conditions -->", "<!-- BEGIN GENERATED: operations -->");
        assertThat(reference).as("docs/reference.md is stale: run bin/update-crd and commit the result")
                .isEqualTo(writer.update(reference));
    }

    @Test
    void everySpecFieldHasARowWithItsDescription() throws IOException {
        String reference = Files.readString(committed());

        assertThat(reference)
                .contains("| `spec.primary.url` | **required** string (pattern-checked) | The director API")
                .contains("| `spec.health.pollIntervalSeconds` | integer (1–3600; default `15`) |")
                .contains("| `spec.approval` | string (one of `Automatic`, `Manual`; default `Automatic`) |")
                .contains("| `status.operation.id` |")
                .contains("| Phase | `.status.phase` |")
                .contains("| `PrimaryReachable`, `MetaReachable`, `MicroReachable` | the director answered")
                .contains("| `FenceMicro` | `StoppingProcesses` |");
    }

    @Test
    void anUnknownRegionIsRefused() {
        ReferenceWriter writer = new ReferenceWriter(CrdFiles.YAML.createObjectNode());

        assertThatThrownBy(() -> writer.update("<!-- BEGIN GENERATED: nonsense -->\n<!-- END GENERATED: nonsense -->"))
                .hasMessageContaining("nonsense");
    }

    @Test
    void everyMetricTheOperatorExportsIsDocumented() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PairMetrics metrics = new PairMetrics(registry);
        metrics.detected(DirectorRole.META, Duration.ofSeconds(70));
        metrics.repairStarted(DirectorRole.META, Duration.ofSeconds(300));
        metrics.operationFinished("Repair", "meta", "Succeeded", Duration.ofSeconds(600));
        metrics.unpaused(DirectorRole.PRIMARY);
        metrics.reachability(new ResourceID("bosh", "bosh-system"), Map.of(DirectorRole.PRIMARY, true));
        Set<String> exported = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^# TYPE (binarybosh_\\w+) (\\w+)").matcher(registry.scrape());
        while (names.find()) {
            // A timer's companion gauge X_max is documented with X.
            exported.add(names.group(1).replaceFirst("_seconds_max$", "_seconds"));
        }

        assertThat(exported).isNotEmpty();
        assertThat(Files.readString(committed())).contains(exported.stream().map(name -> "`" + name + "`")
                .toList());
    }
}
