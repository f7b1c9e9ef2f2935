package io.binarybosh.e2e.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.binarybosh.e2e.kube.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartLintTest {

    @Test
    void lintFindsNoWarningOrError() {
        LintResult lint = new Helm(ChartFiles.chart()).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    /**
     * The defaults name the image bin/image builds as it is once loaded into the nodes, and never pull it: no
     * registry serves it. An empty registry names no image at all, so helm template refuses, saying how to make one.
     */
    @Test
    void theDefaultsNameTheLoadedImageAndAnEmptyRegistryFailsSayingHowToBuildAndPushIt() {
        String defaults = ChartRenderer.renderWithoutRegistry("");
        assertThat(defaults).contains("image: \"docker.io/library/binary-bosh-operator:0.1.0\"")
                .contains("imagePullPolicy: Never");
        assertThat(ChartRenderer.renderWithoutRegistry("image: {registry: registry.example.com/platform}\n"))
                .contains("imagePullPolicy: IfNotPresent");
        assertThat(ChartRenderer.renderWithoutRegistry("image: {pullPolicy: Always}\n"))
                .contains("imagePullPolicy: Always");
        assertThatThrownBy(() -> ChartRenderer.renderWithoutRegistry("image: {registry: \"\"}\n"))
                .hasMessageContaining("image.registry is not set")
                .hasMessageContaining("bin/image")
                .hasMessageContaining("skopeo copy oci-archive:operator/target/image/binary-bosh-operator-0.1.0.tar"
                        + " docker://REGISTRY/binary-bosh-operator:0.1.0")
                .hasMessageContaining("docs/install.md");
        assertThat(ChartRenderer.renderWithoutRegistry("image: {registry: docker.io/library}\n"))
                .contains("image: \"docker.io/library/binary-bosh-operator:0.1.0\"");
    }

    @Test
    void valuesSchemaRejectsUnknownAndMistypedValues() {
        assertThatThrownBy(() -> ChartRenderer.render("logLevel: loud\n")).hasMessageContaining("logLevel");
        assertThatThrownBy(() -> ChartRenderer.render("logFormat: xml\n")).hasMessageContaining("logFormat");
        assertThatThrownBy(() -> ChartRenderer.render("watchNamespace: [a]\n"))
                .hasMessageContaining("watchNamespace");
        assertThatThrownBy(() -> ChartRenderer.render("watchNamespaces: [Not_A_Namespace]\n"))
                .hasMessageContaining("watchNamespaces");
    }

    @Test
    void chartCrdIsAByteForByteCopyOfTheProjectCrd() throws IOException {
        byte[] project = Files.readAllBytes(ProjectFiles.crd());
        byte[] chart = Files.readAllBytes(ChartFiles.chart().resolve("crds/binaryboshpairs.binarybosh.io-v1.yml"));

        assertThat(chart).as("helm/binary-bosh-operator/crds/ differs from crds/: run bin/update-crd")
                .isEqualTo(project);
    }
}
