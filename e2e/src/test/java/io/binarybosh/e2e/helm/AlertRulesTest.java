package io.binarybosh.e2e.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.e2e.kube.ProjectFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart's PrometheusRule and Grafana dashboard (both off by default): the rules as rendered pass promtool's
 * check and its unit tests (e2e/src/test/resources/alerts), promtool taken from Debian's prometheus package by
 * bin/test; the dashboard is valid JSON whose queries read series the alerts or the operator's metrics define.
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final RenderedChart chart = ChartRenderer.render(
            "prometheusRule: {enabled: true, labels: {release: prom}}\ngrafanaDashboard: {enabled: true}\n");

    @Test
    void bothAreOffByDefault() {
        RenderedChart defaults = ChartRenderer.render("");
        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.all(ConfigMap.class)).isEmpty();
    }

    @Test
    void theRenderedRulesPassPromtoolsCheckAndUnitTests(@TempDir Path dir) throws Exception {
        String promtool = System.getProperty("promtool");
        assumeTrue(promtool != null, "bin/test passes -Dpromtool (promtool from Debian's prometheus package)");
        GenericKubernetesResource rule = chart.only("PrometheusRule");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prom");
        Map<String, Object> spec = rule.get("spec");
        Files.writeString(dir.resolve("rules.yaml"), YAML.writeValueAsString(spec));
        Files.copy(ProjectFiles.root().resolve("e2e/src/test/resources/alerts/alerts-test.yaml"),
                dir.resolve("alerts-test.yaml"));

        assertThat(run(dir, promtool, "check", "rules", "rules.yaml")).contains("SUCCESS: 6 rules found");
        assertThat(run(dir, promtool, "test", "rules", "alerts-test.yaml")).contains("SUCCESS");
    }

    @Test
    void theDashboardIsJsonForGrafanasSidecar() throws IOException {
        ConfigMap dashboard = chart.only(ConfigMap.class);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("binary-bosh-operator.json"));
        assertThat(json.path("uid").asText()).isEqualTo("binary-bosh-operator");
        List<String> queries = new ArrayList<>();
        json.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(10).allSatisfy(query ->
                assertThat(query).containsPattern("binarybosh_|jvm_memory_used_bytes|process_cpu_usage"));
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
