package io.binarybosh.e2e.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

// One instance renders the two installs once for every test.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartRenderingTest {

    private static final String NAME = "bbo-binary-bosh-operator";

    private final RenderedChart defaults = ChartRenderer.render("");
    private final RenderedChart namespaced = ChartRenderer.render("watchNamespaces: [a, b]\nreplicas: 2\n");

    private static Container operator(RenderedChart chart) {
        return chart.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(RenderedChart chart) {
        return operator(chart).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    /** The ClusterRoles for people (userRoles), which the operator is not bound to. */
    static final Set<String> USER_ROLES = Set.of(NAME + "-view", NAME + "-edit", NAME + "-approve");

    /** The operator's rules: every Role's, every ClusterRole's but the people's. */
    private static List<PolicyRule> rules(RenderedChart chart) {
        return Stream.concat(
                chart.all(ClusterRole.class).stream()
                        .filter(role -> !USER_ROLES.contains(role.getMetadata().getName()))
                        .flatMap(role -> role.getRules().stream()),
                chart.all(Role.class).stream().flatMap(role -> role.getRules().stream())).toList();
    }

    /** Resource (with group) to the verbs the rules grant on it. */
    private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    grants.computeIfAbsent(group.isEmpty() ? resource : resource + "." + group,
                            key -> new TreeSet<>()).addAll(rule.getVerbs());
                }
            }
        }
        return grants;
    }

    @Test
    void defaultInstallWatchesEveryNamespaceWithOneReplicaAndNoLease() {
        assertThat(defaults.objects()).extracting(GenericKubernetesResource::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service",
                        "Deployment", "ClusterRole", "ClusterRole", "ClusterRole");
        Deployment deployment = defaults.only(Deployment.class);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(ChartRenderer.NAMESPACE);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(NAME);

        Map<String, EnvVar> env = env(defaults);
        assertThat(env).doesNotContainKey("WATCH_NAMESPACES");
        assertThat(env.get("LEADER_ELECTION_ENABLED").getValue()).isEqualTo("false");
        assertThat(env.get("LEADER_ELECTION_LEASE_NAME").getValue()).isEqualTo("binary-bosh-operator");
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("LOG_LEVEL").getValue()).isEqualTo("info");
        assertThat(env.get("LOG_FORMAT").getValue()).isEqualTo("text");
        assertThat(env.get("HEALTH_PORT").getValue()).isEqualTo("8080");
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:+UseSerialGC");
        assertThat(env.get("MALLOC_ARENA_MAX").getValue()).isEqualTo("2");
        assertThat(operator(defaults).getImage())
                .isEqualTo(ChartRenderer.REGISTRY + "/binary-bosh-operator:0.1.0");
        assertThat(operator(defaults).getImagePullPolicy()).isEqualTo("IfNotPresent");

        ClusterRoleBinding binding = defaults.only(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(NAME);
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo(defaults.only(ServiceAccount.class).getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(ChartRenderer.NAMESPACE);
        });
    }

    @Test
    void namespacedInstallGetsARolePerNamespaceNothingClusterWideAndALease() {
        // Nothing cluster-wide for the operator; the people's roles grant nothing until bound.
        assertThat(namespaced.all(ClusterRole.class)).extracting(role -> role.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(USER_ROLES);
        assertThat(namespaced.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(namespaced.all(Role.class)).extracting(role -> role.getMetadata().getNamespace() + "/"
                + role.getMetadata().getName())
                .containsExactlyInAnyOrder("a/" + NAME, "b/" + NAME, "bosh-system/" + NAME + "-leader-election");
        assertThat(namespaced.all(RoleBinding.class)).allSatisfy(binding -> {
            assertThat(binding.getRoleRef().getName()).isEqualTo(binding.getMetadata().getName());
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getName()).isEqualTo(NAME);
                assertThat(subject.getNamespace()).isEqualTo(ChartRenderer.NAMESPACE);
            });
        }).hasSize(3);

        Map<String, EnvVar> env = env(namespaced);
        assertThat(env.get("WATCH_NAMESPACES").getValue()).isEqualTo("a,b");
        assertThat(env.get("LEADER_ELECTION_ENABLED").getValue()).isEqualTo("true");
        Deployment deployment = namespaced.only(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy()).as("rolling update: the Lease keeps one leader").isNull();
    }

    @Test
    void leaderElectionCanBeForcedWithOneReplica() {
        RenderedChart chart = ChartRenderer.render("leaderElection: {enabled: true, leaseName: bbo-lease}\n");

        assertThat(env(chart).get("LEADER_ELECTION_ENABLED").getValue()).isEqualTo("true");
        assertThat(env(chart).get("LEADER_ELECTION_LEASE_NAME").getValue()).isEqualTo("bbo-lease");
        assertThat(grants(chart.all(Role.class).stream().flatMap(role -> role.getRules().stream()).toList()))
                .containsExactly(Map.entry("leases.coordination.k8s.io", Set.of("create", "get", "patch")));
    }

    @Test
    void rbacGrantsOnlyWhatTheOperatorUsesAndSecretsReadOnly() {
        for (RenderedChart chart : List.of(defaults, namespaced)) {
            List<PolicyRule> rules = rules(chart);
            assertThat(rules).allSatisfy(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
                assertThat(rule.getApiGroups()).doesNotContain("*");
                assertThat(rule.getResourceNames()).isNullOrEmpty();
                assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            });
            // RbacMatchesUseTest checks these against the requests the operator makes.
            Set<String> read = Set.of("get");
            Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                    "binaryboshpairs.binarybosh.io", Set.of("get", "list", "watch", "patch"),
                    "binaryboshpairs/status.binarybosh.io", Set.of("update"),
                    "secrets", read,
                    "configmaps", read,
                    "events", Set.of("create")));
            if (chart == namespaced) {
                expected.put("leases.coordination.k8s.io", Set.of("get", "create", "patch"));
            }
            assertThat(grants(rules)).isEqualTo(expected);
        }
    }

    @Test
    void podRunsRestrictedWithProbesOnTheHttpPort() {
        Deployment deployment = defaults.only(Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

        Container container = operator(defaults);
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void metricsServiceAndOptionalServiceMonitorScrapeTheHttpPort() {
        Service service = defaults.only(Service.class);
        assertThat(service.getMetadata().getName()).isEqualTo(NAME + "-metrics");
        assertThat(service.getSpec().getSelector())
                .isEqualTo(defaults.only(Deployment.class).getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();

        RenderedChart monitored = ChartRenderer.render(
                "metrics: {serviceMonitor: {enabled: true, labels: {release: prometheus}}}\n");
        GenericKubernetesResource monitor = monitored.only("ServiceMonitor");
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
        });
        Map<String, Object> matchLabels = monitor.get("spec", "selector", "matchLabels");
        assertThat(matchLabels).isEqualTo(Map.copyOf(service.getSpec().getSelector()));
    }
}
