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

    /** The Kubernetes version helm renders for (helm template's own default, 1.20, is below the chart's). */
    public static final String KUBE_VERSION = "1.32.0";

    /** Where the image was pushed; the chart's default is the image loaded into the nodes (docker.io/library). */
    public static final String REGISTRY = "registry.example.com/platform";

    /**
     * Renders with the chart's defaults and {@link #REGISTRY} as {@code image.registry}, overridden by
     * {@code valuesYaml} (may be empty).
     */
    public static RenderedChart render(String valuesYaml) {
        return RenderedChart.parse(template("image: {registry: " + REGISTRY + "}\n", valuesYaml));
    }

    /**
     * What {@code helm template} prints with the chart's defaults (the image loaded into the nodes) and only
     * {@code valuesYaml}; fails as it fails.
     */
    public static String renderWithoutRegistry(String valuesYaml) {
        return template("", valuesYaml);
    }

    private static String template(String base, String valuesYaml) {
        try {
            Path baseValues = Files.createTempFile("values-", ".yaml");
            Path values = Files.createTempFile("values-", ".yaml");
            try {
                Files.writeString(baseValues, base);
                Files.writeString(values, valuesYaml);
                return new Helm(ChartFiles.chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION)
                        .withValuesFile(baseValues).withValuesFile(values).call();
            } finally {
                Files.deleteIfExists(baseValues);
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
