package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.helm.ChartRenderer;
import io.binarybosh.e2e.helm.RenderedChart;
import io.binarybosh.e2e.kube.ResourceAccess;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chart's RBAC rules are exactly what the operator asks of the Kubernetes API: the operator runs against the
 * embedded API (a pair observed, an action taken, status written, events recorded, a Lease held), every request
 * it makes is recorded, and the rules the chart renders must grant each of them and nothing else.
 */
class RbacMatchesUseTest extends OperatorWorldTest {

    private static final String NAMESPACE = OperatorUnderTest.NAMESPACE;
    private static final String CLUSTER = "*";

    /**
     * Verbs the operator needs on paths a short run does not take. The operator reads the pair again when a
     * status write meets a conflict (OptimisticStatusWriter), to decide anew from it. ConfigMaps are read,
     * each by name, only while a pair has a manifestRef, which this pair has not.
     */
    private static final Set<Grant> CONDITIONAL = Set.of(new Grant(CLUSTER, "binarybosh.io", "binaryboshpairs", "get"),
            new Grant(CLUSTER, "", "configmaps", "get"));

    /**
     * Allowed to every authenticated user by the built-in ClusterRole {@code system:basic-user}, so in no rule of
     * the chart: JOSDK asks what it may do with Leases before leader election.
     */
    private static final Grant RULES_REVIEW = new Grant(CLUSTER, "authorization.k8s.io", "selfsubjectrulesreviews",
            "create");

    /**
     * One permission: {@code scope} is {@value #CLUSTER} for a ClusterRole (or a request across namespaces),
     * else the namespace of the Role (or of the request).
     */
    record Grant(String scope, String group, String resource, String verb) implements Comparable<Grant> {

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        Grant in(String namespace) {
            return new Grant(namespace, group, resource, verb);
        }

        @Override
        public String toString() {
            return scope + " " + (group.isEmpty() ? "" : group + "/") + resource + " " + verb;
        }
    }

    @Test
    void clusterWideInstallGrantsExactlyWhatTheOperatorUses() {
        RenderedChart chart = ChartRenderer.render("leaderElection: {enabled: true}\nuserRoles: {create: false}\n");

        assertGrantsExactlyWhatIsUsed(chart, Map.of());
    }

    @Test
    void namespacedInstallGrantsExactlyWhatTheOperatorUses() {
        RenderedChart chart = ChartRenderer.render("watchNamespaces: [" + NAMESPACE + "]\nreplicas: 2\n"
                + "userRoles: {create: false}\n");

        assertGrantsExactlyWhatIsUsed(chart, Map.of("WATCH_NAMESPACES", NAMESPACE));
    }

    private void assertGrantsExactlyWhatIsUsed(RenderedChart chart, Map<String, String> settings) {
        Set<Grant> granted = granted(chart);
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta");
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
        operator.createPair(world, spec -> { });
        operator.start(OperatorUnderTest.realDirectors(), Stream.concat(settings.entrySet().stream(),
                        Map.of("LEADER_ELECTION_ENABLED", "true", "LEADER_ELECTION_NAMESPACE", NAMESPACE,
                                "LEADER_ELECTION_LEASE_NAME", "binary-bosh-operator").entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(operator.is("Ready", "True")).as("the pair is looked after").isTrue();
            assertThat(operator.events("ResurrectionUnpaused")).as("an action was taken").isNotEmpty();
            List<ResourceAccess> accesses = operator.operatorRequests().stream().map(ResourceAccess::of)
                    .flatMap(Optional::stream).toList();
            Set<Grant> needed = new TreeSet<>();
            Set<String> refused = new TreeSet<>();
            for (ResourceAccess access : accesses) {
                Grant use = new Grant(access.namespace() == null ? CLUSTER : access.namespace(), access.group(),
                        access.resource(), access.verb());
                if (use.equals(RULES_REVIEW)) {
                    continue;
                }
                coveringGrant(granted, use).ifPresentOrElse(needed::add, () -> refused.add(use.toString()));
            }
            CONDITIONAL.forEach(conditional -> coveringGrant(granted, conditional.in(NAMESPACE))
                    .ifPresentOrElse(needed::add, () -> refused.add(conditional.toString())));
            Set<String> unused = granted.stream().filter(grant -> !needed.contains(grant)).map(Grant::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(Map.of("requests the chart does not allow", refused, "grants the operator never used",
                    unused)).allSatisfy((what, grants) -> assertThat(grants).as(what).isEmpty());
        });
    }

    /** The grant that allows {@code use}: a Role's in the request's namespace, else the ClusterRole's. */
    private static Optional<Grant> coveringGrant(Set<Grant> granted, Grant use) {
        if (!use.scope().equals(CLUSTER) && granted.contains(use)) {
            return Optional.of(use);
        }
        Grant clusterWide = use.in(CLUSTER);
        return granted.contains(clusterWide) ? Optional.of(clusterWide) : Optional.empty();
    }

    private static Set<Grant> granted(RenderedChart chart) {
        Set<Grant> granted = new TreeSet<>();
        chart.all(ClusterRole.class).forEach(role -> add(granted, CLUSTER, role.getRules()));
        chart.all(Role.class).forEach(role -> add(granted, role.getMetadata().getNamespace(), role.getRules()));
        return granted;
    }

    private static void add(Set<Grant> granted, String scope, List<PolicyRule> rules) {
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new Grant(scope, group, resource, verb));
                    }
                }
            }
        }
    }
}
