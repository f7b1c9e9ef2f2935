package io.binarybosh.e2e.helm;

import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders the chart with helm's own template engine (helm-java), as {@code helm template} would. */
public final class ChartRenderer {

    public static final String RELEASE = "bbo";
    public static final String NAMESPACE = "bosh-system";

    private ChartRenderer() {
    }

    /** Renders with the chart's defaults overridden by {@code valuesYaml} (may be empty). */
    public static RenderedChart render(String valuesYaml) {
        try {
            Path values = Files.createTempFile("values-", ".yaml");
            try {
                Files.writeString(values, valuesYaml);
                String manifests = new Helm(ChartFiles.chart()).template().withName(RELEASE)
                        .withNamespace(NAMESPACE).withValuesFile(values).call();
                return RenderedChart.parse(manifests);
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
