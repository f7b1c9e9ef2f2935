package io.binarybosh.e2e.kube;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** bin/kubectl-bbp run by real kubectl as a plugin, against the embedded API. */
class KubectlBbpPluginTest {

    private KubectlCompatibleApiServer api;
    private Kubectl kubectl;
    private final Path plugins = ProjectFiles.root().resolve("bin");

    @BeforeEach
    void start() {
        assumeTrue(Kubectl.DEFAULT_EXECUTABLE.toFile().canExecute(), "no /usr/bin/kubectl (bin/test installs it)");
        api = KubectlCompatibleApiServer.start();
        kubectl = new Kubectl(api.kubeconfig());
        kubectl.run("apply", "--validate=false", "-f", ProjectFiles.crd().toString()).orThrow();
        kubectl.run("apply", "--validate=false", "-n", "default", "-f",
                ProjectFiles.root().resolve("crds/examples/pair-with-micro.yaml").toString()).orThrow();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void status(String json) {
        kubectl.run("patch", "bbp", "bosh", "-n", "default", "--type=merge", "--subresource=status", "-p", json)
                .orThrow();
    }

    private String annotation(String key) {
        return kubectl.run("get", "bbp", "bosh", "-n", "default", "-o",
                "jsonpath={.metadata.annotations." + key.replace(".", "\\.") + "}").orThrow().stdout();
    }

    @Test
    void approveWritesExactlyTheApprovalTheStatusAwaits() {
        KubectlResult nothing = kubectl.plugin(plugins, "bbp", "approve", "bosh", "-n", "default");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.stderr()).contains("bosh awaits no approval");
        assertThat(annotation("binarybosh.io/approve")).isEmpty();

        status("{\"status\":{\"phase\":\"Migrating\",\"awaitedApproval\":\"migration-meta-1-fence\","
                + "\"operation\":{\"id\":\"migration-meta-1\",\"type\":\"Migration\",\"step\":\"AwaitingFenceApproval\"},"
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"AwaitingApproval\","
                + "\"message\":\"waits\",\"lastTransitionTime\":\"2026-11-25T10:00:00Z\"}]}}");
        String shown = kubectl.plugin(plugins, "bbp", "status", "bosh", "-n", "default").orThrow().stdout();
        assertThat(shown).contains("default/bosh", "Migrating", "False AwaitingApproval: waits",
                "Migration migration-meta-1, step AwaitingFenceApproval",
                "binarybosh.io/approve=migration-meta-1-fence", "kubectl bbp approve bosh -n default");

        assertThat(kubectl.plugin(plugins, "bbp", "approve", "bosh", "-n", "default").orThrow().stdout())
                .contains("approved binarybosh.io/approve=migration-meta-1-fence");
        assertThat(annotation("binarybosh.io/approve")).isEqualTo("migration-meta-1-fence");
    }

    @Test
    void pauseAndResumeSetAndRemoveThePauseAnnotation() {
        kubectl.plugin(plugins, "bbp", "pause", "bosh", "--namespace", "default").orThrow();
        assertThat(annotation("binarybosh.io/paused")).isEqualTo("true");
        assertThat(kubectl.plugin(plugins, "bbp", "status", "bosh", "-n", "default").orThrow().stdout())
                .contains("kubectl bbp resume bosh -n default");
        kubectl.plugin(plugins, "bbp", "resume", "bosh", "--namespace=default").orThrow();
        assertThat(annotation("binarybosh.io/paused")).isEmpty();
        assertThat(kubectl.plugin(plugins, "bbp", "status", "-n", "default").orThrow().stdout())
                .containsPattern("(?m)^NAME\\s+PHASE\\s+READY\\s+STEP").contains("bosh");
    }

    @Test
    void abortNamesTheMigrationInFlightAndNothingElse() {
        KubectlResult refused = kubectl.plugin(plugins, "bbp", "abort", "bosh", "-n", "default");
        assertThat(refused.exitCode()).as("no migration in flight").isNotZero();
        assertThat(refused.stderr()).contains("no migration in flight");
        assertThat(kubectl.run("get", "bbp", "bosh", "-n", "default", "-o", "jsonpath={.metadata.annotations}")
                .orThrow().stdout()).doesNotContain("abort");

        status("{\"status\":{\"phase\":\"Migrating\",\"operation\":{\"id\":\"migration-meta-2\","
                + "\"type\":\"Migration\",\"step\":\"CopyingStore\"}}}");
        kubectl.plugin(plugins, "bbp", "abort", "bosh", "-n", "default").orThrow();
        assertThat(annotation("binarybosh.io/abort")).isEqualTo("migration-meta-2");
    }

}
