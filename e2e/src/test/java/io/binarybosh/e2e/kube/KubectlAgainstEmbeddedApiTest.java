package io.binarybosh.e2e.kube;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real kubectl through the user's flow: CRD, Secrets, pairs, then reading, annotating and writing status. */
class KubectlAgainstEmbeddedApiTest {

    private KubectlCompatibleApiServer api;
    private Kubectl kubectl;

    @BeforeEach
    void start() {
        assumeTrue(Kubectl.DEFAULT_EXECUTABLE.toFile().canExecute(), "no /usr/bin/kubectl (bin/test installs it)");
        api = KubectlCompatibleApiServer.start();
        kubectl = new Kubectl(api.kubeconfig());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private KubectlResult ok(String... arguments) {
        return kubectl.run(arguments).orThrow();
    }

    private void applyCrdAndExamples() {
        ok("apply", "--validate=false", "-f", ProjectFiles.crd().toString());
        Path examples = ProjectFiles.root().resolve("crds/examples");
        ok("apply", "--validate=false", "-f", examples.resolve("secrets.yaml").toString());
        ok("apply", "--validate=false", "-f", examples.resolve("pair-with-micro.yaml").toString());
        ok("apply", "--validate=false", "-f", examples.resolve("pair-without-micro.yaml").toString());
    }

    @Test
    void discoveryAnnouncesBuiltInGroupsAndTheCustomGroupOnceItsCrdIsStored() {
        assertThat(ok("version", "-o", "json").stdout()).contains("\"gitVersion\": \"v1.32.0\"");
        assertThat(ok("api-resources", "-o", "name").stdout())
                .contains("secrets", "deployments.apps", "leases.coordination.k8s.io",
                        "clusterroles.rbac.authorization.k8s.io")
                .doesNotContain("binaryboshpairs");

        ok("apply", "--validate=false", "-f", ProjectFiles.crd().toString());

        assertThat(ok("api-resources", "--api-group=binarybosh.io").stdout())
                .contains("binaryboshpairs", "bbp", "binarybosh.io/v1alpha1", "true", "BinaryBoshPair");
        assertThat(ok("api-resources", "--categories=bosh", "-o", "name").stdout().trim())
                .isEqualTo("binaryboshpairs.binarybosh.io");
    }

    @Test
    void examplesApplyAndReadBackByShortNameCategoryAndJsonPath() throws IOException {
        applyCrdAndExamples();

        assertThat(ok("get", "bbp").stdout()).contains("bosh-mutual").containsPattern("(?m)^bosh\\s");
        assertThat(ok("get", "bosh").stdout()).contains("bosh-mutual");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.spec.bootstrap.micro.ssh.host}").stdout())
                .isEqualTo("10.10.0.3");
        assertThat(ok("get", "secret", "primary-director", "-o", "jsonpath={.data.client}").stdout())
                .isEqualTo("YWRtaW4=");
        String secrets = Files.readString(ProjectFiles.root().resolve("crds/examples/secrets.yaml"));
        kubectl.runWithInput(secrets.replaceFirst("client: admin", "client: ops"),
                "apply", "--validate=false", "-f", "-").orThrow();
        assertThat(ok("get", "secret", "primary-director", "-o", "jsonpath={.data.client}").stdout())
                .isEqualTo("b3Bz");
        ok("label", "secret", "primary-director", "director=primary");
        assertThat(ok("get", "secret", "-l", "director=primary", "-o", "name").stdout().trim())
                .isEqualTo("secret/primary-director");
        assertThat(ok("get", "binaryboshpair", "bosh-mutual", "-o", "yaml").stdout())
                .contains("kind: BinaryBoshPair", "deployment: bosh-meta", "approval: Automatic");
        assertThat(ok("describe", "bbp", "bosh").stdout())
                .contains("Name:", "bosh", "Kind:", "BinaryBoshPair", "Deployment:", "bosh-primary");
    }

    @Test
    void statusIsASubresourceAndAnnotationsAndSpecWritesWork() {
        applyCrdAndExamples();

        ok("patch", "bbp", "bosh", "--type=merge", "--subresource=status", "-p",
                "{\"status\":{\"phase\":\"Degraded\",\"observedGeneration\":1,\"conditions\":[{\"type\":\"Ready\","
                        + "\"status\":\"False\",\"reason\":\"NotYetManaged\",\"message\":\"not yet\","
                        + "\"lastTransitionTime\":\"2026-11-25T10:00:00Z\"}]}}");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Degraded");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}")
                .stdout()).isEqualTo("NotYetManaged");

        // A spec write leaves the status alone, as with a real status subresource.
        ok("patch", "bbp", "bosh", "--type=merge", "-p", "{\"spec\":{\"approval\":\"Automatic\"},"
                + "\"status\":{\"phase\":\"Lost\"}}");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.spec.approval}/{.status.phase}").stdout())
                .isEqualTo("Automatic/Degraded");

        ok("annotate", "bbp", "bosh", "binarybosh.io/paused=true");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.metadata.annotations.binarybosh\\.io/paused}")
                .stdout()).isEqualTo("true");
        ok("annotate", "bbp", "bosh", "binarybosh.io/paused-");
        assertThat(ok("get", "bbp", "bosh", "-o", "jsonpath={.metadata.annotations}").stdout())
                .doesNotContain("binarybosh.io/paused");
    }

    @Test
    void getPrintsTheCrdsPrinterColumnsFromTheServersTable() {
        applyCrdAndExamples();
        ok("patch", "bbp", "bosh", "--type=merge", "--subresource=status", "-p",
                "{\"status\":{\"phase\":\"Migrating\",\"operation\":{\"id\":\"op-1\",\"type\":\"Migration\","
                        + "\"step\":\"CopyStore\"},\"primary\":{\"state\":\"Stopped\"},\"conditions\":[{\"type\":"
                        + "\"Ready\",\"status\":\"False\",\"reason\":\"Migrating\",\"message\":\"copying the store\","
                        + "\"lastTransitionTime\":\"2026-11-25T10:00:00Z\"}]}}");

        String get = ok("get", "bbp").stdout();
        assertThat(get.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "PHASE", "READY", "STEP", "PRIMARY", "META", "AGE");
        // Cells the path finds nothing for are nil, which kubectl prints empty.
        assertThat(get).containsPattern("(?m)^bosh\\s+Migrating\\s+False\\s+CopyStore\\s+Stopped\\s+\\d+s$")
                .containsPattern("(?m)^bosh-mutual\\s+\\d+s$")
                .doesNotContain("copying the store");

        String wide = ok("get", "bbp", "bosh", "-o", "wide").stdout();
        assertThat(wide.lines().findFirst().orElseThrow().split("\\s+")).endsWith("AGE", "REASON", "MESSAGE");
        assertThat(wide).contains("CopyStore").containsPattern("Migrating\\s+copying the store");

        assertThat(ok("get", "bbp", "-A").stdout()).containsPattern("(?m)^NAMESPACE\\s+NAME\\s+PHASE")
                .containsPattern("(?m)^default\\s+bosh\\s+Migrating");
        assertThat(ok("get", "bbp", "--no-headers", "-o", "custom-columns=N:.metadata.name").stdout().lines())
                .containsExactlyInAnyOrder("bosh", "bosh-mutual");
    }

    @Test
    void replaceAndDelete() {
        applyCrdAndExamples();
        String yaml = ok("get", "bbp", "bosh-mutual", "-o", "yaml").stdout()
                .replace("approval: Automatic", "approval: Manual");

        kubectl.runWithInput(yaml, "replace", "--validate=false", "-f", "-").orThrow();
        assertThat(ok("get", "bbp", "bosh-mutual", "-o", "jsonpath={.spec.approval}").stdout()).isEqualTo("Manual");

        ok("delete", "bbp", "bosh-mutual");
        KubectlResult gone = kubectl.run("get", "bbp", "bosh-mutual");
        assertThat(gone.succeeded()).isFalse();
        assertThat(gone.stderr()).contains("NotFound");
        assertThat(ok("get", "bbp", "-o", "name").stdout().trim()).isEqualTo("binaryboshpair.binarybosh.io/bosh");
    }

    @Test
    void writesTheSchemaRefusesAreRefusedAsTheApiServerRefusesThem() throws IOException {
        applyCrdAndExamples();
        String pair = Files.readString(ProjectFiles.root().resolve("crds/examples/pair-without-micro.yaml"))
                .replace("name: bosh-mutual", "name: bad");

        KubectlResult created = kubectl.runWithInput(pair.replace("https://10.10.0.5", "http://10.10.0.5")
                .replace("approval: Automatic", "approval: Sometimes"), "apply", "--validate=false", "-f", "-");
        assertThat(created.succeeded()).isFalse();
        assertThat(created.stderr()).contains("The BinaryBoshPair \"bad\" is invalid:",
                "spec.meta.url: Invalid value: \"http://10.10.0.5\": spec.meta.url in body should match",
                "spec.approval: Unsupported value: \"Sometimes\": supported values: \"Automatic\", \"Manual\"");
        assertThat(kubectl.run("get", "bbp", "bad").stderr()).contains("NotFound");

        KubectlResult sameUrl = kubectl.runWithInput(pair.replace("https://10.10.0.5", "https://10.10.0.4:25555"),
                "apply", "--validate=false", "-f", "-");
        assertThat(sameUrl.stderr()).contains("spec: Invalid value: \"object\": primary and meta must be different "
                + "directors: their urls are equal");

        KubectlResult merge = kubectl.run("patch", "bbp", "bosh-mutual", "--type=merge", "-p",
                "{\"spec\":{\"health\":{\"pollIntervalSeconds\":-5}}}");
        assertThat(merge.succeeded()).isFalse();
        assertThat(merge.stderr()).contains("spec.health.pollIntervalSeconds: Invalid value: -5: "
                + "spec.health.pollIntervalSeconds in body should be greater than or equal to 1");
        KubectlResult json = kubectl.run("patch", "bbp", "bosh-mutual", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/spec/primary/url\"}]");
        assertThat(json.stderr()).contains("spec.primary.url: Required value");
        KubectlResult unappliable = kubectl.run("patch", "bbp", "bosh-mutual", "--type=json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/spec/nothing/here\"}]");
        assertThat(unappliable.succeeded()).isFalse();
        assertThat(unappliable.stderr()).contains("the server rejected our request due to an error in our request");
        KubectlResult status = kubectl.run("patch", "bbp", "bosh-mutual", "--type=merge", "--subresource=status",
                "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Perhaps\"}]}}");
        assertThat(status.stderr()).contains("status.conditions[0].status: Unsupported value: \"Perhaps\"",
                "status.conditions[0].reason: Required value");
        assertThat(ok("get", "bbp", "bosh-mutual", "-o", "jsonpath={.spec.primary.url}/{.spec.health}").stdout())
                .isEqualTo("https://10.10.0.4:25555/");

        // A typo is pruned, as a real API server does when kubectl does not ask for strict validation.
        ok("patch", "bbp", "bosh-mutual", "--type=merge", "-p", "{\"spec\":{\"approval\":\"Manual\","
                + "\"primary\":{\"deploymnet\":\"x\"}}}");
        assertThat(ok("get", "bbp", "bosh-mutual", "-o", "json").stdout()).contains("\"approval\": \"Manual\"")
                .doesNotContain("deploymnet");
    }
}
