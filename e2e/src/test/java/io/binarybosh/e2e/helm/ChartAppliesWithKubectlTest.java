package io.binarybosh.e2e.helm;

import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The rendered chart goes through real kubectl, as in {@code helm template | kubectl apply -f -}. */
class ChartAppliesWithKubectlTest {

    @BeforeEach
    void needsKubectl() {
        assumeTrue(Kubectl.DEFAULT_EXECUTABLE.toFile().canExecute(), "no /usr/bin/kubectl (bin/test installs it)");
    }

    private static void install(String values, Consumer<Kubectl> then) {
        try (KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start()) {
            Kubectl kubectl = new Kubectl(api.kubeconfig());
            kubectl.run("apply", "--validate=false", "-f",
                    ChartFiles.chart().resolve("crds/binaryboshpairs.binarybosh.io-v1.yml").toString()).orThrow();
            kubectl.runWithInput(ChartRenderer.render(values).manifests(), "apply", "--validate=false", "-f", "-")
                    .orThrow();
            then.accept(kubectl);
        }
    }

    @Test
    void defaultInstallApplies() {
        install("", kubectl -> {
            assertThat(kubectl.run("get", "sa,svc,deploy", "-n", "bosh-system", "-o", "name").orThrow().stdout())
                    .contains("serviceaccount/bbo-binary-bosh-operator", "service/bbo-binary-bosh-operator-metrics",
                            "deployment.apps/bbo-binary-bosh-operator");
            assertThat(kubectl.run("get", "clusterrole,clusterrolebinding", "-o", "name").orThrow().stdout())
                    .contains("clusterrole.rbac.authorization.k8s.io/bbo-binary-bosh-operator",
                            "clusterrolebinding.rbac.authorization.k8s.io/bbo-binary-bosh-operator");
            assertThat(kubectl.run("get", "crd", "binaryboshpairs.binarybosh.io", "-o",
                    "jsonpath={.spec.names.shortNames[0]}").orThrow().stdout()).isEqualTo("bbp");
        });
    }

    @Test
    void everyOptionOnApplies() {
        // The embedded API has no Prometheus Operator CRDs: everything else is applied.
        install(ChartOptionsTest.EVERY_OPTION.replace("serviceMonitor: {enabled: true", "serviceMonitor: {enabled: false")
                        .replace("prometheusRule: {enabled: true", "prometheusRule: {enabled: false")
                        .replace("namespace: monitoring", "namespace: bosh-system"),
                kubectl -> {
            assertThat(kubectl.run("get", "deploy,pdb,sa,svc", "-n", "bosh-system", "-o", "name").orThrow().stdout())
                    .contains("deployment.apps/bosh-operator", "poddisruptionbudget.policy/bosh-operator",
                            "serviceaccount/bosh-operator-sa", "service/bosh-operator-metrics");
            assertThat(kubectl.run("get", "clusterroles", "-o", "name").orThrow().stdout())
                    .contains("bosh-operator-view", "bosh-operator-edit", "bosh-operator-approve");
            assertThat(kubectl.run("get", "configmap", "bosh-operator-dashboard", "-n", "bosh-system", "-o",
                    "name").orThrow().stdout()).contains("bosh-operator-dashboard");
        });
    }

    @Test
    void namespacedInstallAppliesAndReappliesUnchanged() {
        String values = "watchNamespaces: [a, b]\nreplicas: 2\n";
        install(values, kubectl -> {
            assertThat(kubectl.run("get", "roles,rolebindings", "-A", "-o", "name").orThrow().stdout().lines())
                    .hasSize(6);
            assertThat(kubectl.run("get", "clusterroles", "-o", "name").orThrow().stdout().lines())
                    .allMatch(role -> role.endsWith("-view") || role.endsWith("-edit") || role.endsWith("-approve"))
                    .hasSize(3);
            assertThat(kubectl.run("get", "deploy", "bbo-binary-bosh-operator", "-n", "bosh-system", "-o",
                    "jsonpath={.spec.replicas}").orThrow().stdout()).isEqualTo("2");

            String again = kubectl.runWithInput(ChartRenderer.render(values).manifests(),
                    "apply", "--validate=false", "-f", "-").orThrow().stdout();
            assertThat(again).contains("deployment.apps/bbo-binary-bosh-operator unchanged");
        });
    }
}
