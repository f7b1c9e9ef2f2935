package io.binarybosh.e2e.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's options each change what they say, all at once (ChartAppliesWithKubectlTest applies the result). */
class ChartOptionsTest {

    /** Every option of values.yaml away from its default. */
    static final String EVERY_OPTION = """
            image: {registry: registry.example.com/platform/, repository: bbo, tag: "9.9.9",
                    digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    pullPolicy: Always}
            imagePullSecrets: [{name: pull}]
            nameOverride: bosh-op
            fullnameOverride: bosh-operator
            replicas: 3
            watchNamespaces: []
            leaderElection: {enabled: true, leaseName: bbo-lease}
            logLevel: debug
            logFormat: json
            javaOptions: "-Xmx300m"
            extraEnv: [{name: POLLING_THREADS, value: "4"}]
            serviceAccount: {create: true, name: bosh-operator-sa, annotations: {a: b}}
            rbac: {create: true}
            userRoles: {create: true}
            podSecurityContext: {runAsUser: null, runAsGroup: null}
            securityContext: {seccompProfile: null}
            podDisruptionBudget: {minAvailable: 2}
            resources: {requests: {cpu: 200m, memory: 300Mi}, limits: {memory: 600Mi}}
            podAnnotations: {x: "y"}
            podLabels: {team: platform}
            nodeSelector: {kubernetes.io/os: linux}
            tolerations: [{key: dedicated, operator: Exists}]
            affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: []}}
            priorityClassName: system-cluster-critical
            metrics:
              service: {enabled: true, type: ClusterIP, annotations: {p: q}}
              serviceMonitor: {enabled: true, interval: 15s, scrapeTimeout: 5s, labels: {release: prom},
                               honorLabels: true}
            prometheusRule: {enabled: true, labels: {release: prom}}
            grafanaDashboard: {enabled: true, namespace: monitoring, labels: {grafana_dashboard: "1"}}
            """;

    private final RenderedChart every = ChartRenderer.render(EVERY_OPTION);

    @Test
    void namesFollowTheOverrides() {
        assertThat(every.ofKind("PrometheusRule")).hasSize(1);
        assertThat(every.all(io.fabric8.kubernetes.api.model.ConfigMap.class)).singleElement()
                .satisfies(map -> assertThat(map.getMetadata().getNamespace()).isEqualTo("monitoring"));
        assertThat(every.objects()).filteredOn(object -> !object.getKind().equals("ServiceAccount"))
                .allSatisfy(object -> assertThat(object.getMetadata().getName()).startsWith("bosh-operator"));
        assertThat(every.only(Deployment.class).getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "bosh-op");
        assertThat(ChartRenderer.render("nameOverride: bosh-op\n").only(Deployment.class).getMetadata().getName())
                .isEqualTo("bbo-bosh-op");
    }

    @Test
    void theImageIsPinnedByDigestWhenOneIsGiven() {
        var container = every.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/platform/bbo@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(ChartRenderer.render("image: {tag: \"1.2.3\"}\n").only(Deployment.class).getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage())
                .isEqualTo(ChartRenderer.REGISTRY + "/binary-bosh-operator:1.2.3");
    }

    @Test
    void securityContextFieldsCanBeRemovedForPlatformsThatAssignUids() {
        var pod = every.only(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNull();
        assertThat(pod.getSecurityContext().getRunAsGroup()).isNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getSeccompProfile()).isNull();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void aDisruptionBudgetKeepsOneReplicaOnlyWhenThereAreSeveral() {
        GenericKubernetesResource budget = every.only("PodDisruptionBudget");
        assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
        assertThat((Object) budget.get("spec", "minAvailable")).isEqualTo(2);
        Map<String, Object> selector = budget.get("spec", "selector", "matchLabels");
        assertThat(selector).isEqualTo(Map.copyOf(every.only(Deployment.class).getSpec().getSelector()
                .getMatchLabels()));
        assertThat(ChartRenderer.render("").ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(ChartRenderer.render("replicas: 2\n").ofKind("PodDisruptionBudget")).hasSize(1);
    }

    @Test
    void peopleGetViewEditAndApproveRolesAggregatedIntoTheBuiltInOnes() {
        Map<String, ClusterRole> roles = new java.util.HashMap<>();
        every.all(ClusterRole.class).forEach(role -> roles.put(role.getMetadata().getName(), role));
        assertThat(roles.get("bosh-operator-view").getMetadata().getLabels())
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
        assertThat(roles.get("bosh-operator-edit").getMetadata().getLabels())
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
        assertThat(roles.get("bosh-operator-approve").getMetadata().getLabels())
                .noneSatisfy((key, value) -> assertThat(key).startsWith("rbac.authorization.k8s.io/aggregate"));
        assertThat(roles.get("bosh-operator-view").getRules()).allSatisfy(rule ->
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch"));
        assertThat(roles.get("bosh-operator-approve").getRules()).flatExtracting(rule -> rule.getVerbs())
                .containsExactlyInAnyOrder("get", "list", "watch", "patch");
        assertThat(List.of(roles.get("bosh-operator-view"), roles.get("bosh-operator-edit"),
                roles.get("bosh-operator-approve"))).flatExtracting(ClusterRole::getRules)
                .allSatisfy(rule -> assertThat(rule.getResources()).doesNotContain("secrets", "configmaps"));
        assertThat(ChartRenderer.render("userRoles: {create: false}\n").all(ClusterRole.class))
                .extracting(role -> role.getMetadata().getName()).containsExactly("bbo-binary-bosh-operator");
    }

    @Test
    void theServiceMonitorKeepsThePairsNamespaceLabel() {
        GenericKubernetesResource monitor = every.only("ServiceMonitor");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint)
                .containsEntry("honorLabels", true).containsEntry("interval", "15s"));
    }
}
