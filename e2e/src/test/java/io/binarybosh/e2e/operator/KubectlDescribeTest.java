package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.ConfigMapKeyRef;
import io.binarybosh.operator.model.OperationStatus;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a person sees with real kubectl once the operator has looked after a pair for a while. */
class KubectlDescribeTest extends OperatorWorldTest {

    @Test
    void getAndDescribeTellTheStory() throws Exception {
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        Kubectl kubectl = operator.kubectl();
        Assumptions.assumeTrue(kubectl.available(), "kubectl is not installed");
        operator.secretsFor(world, "primary", "meta", "micro");
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
        operator.createPair(world, spec -> { });
        operator.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> operator.is("Ready", "True")
                && "MutuallyManaged".equals(operator.phase()));

        // The CRD's printer columns, through the API's server-side Table, on what the operator wrote.
        String get = kubectl.run("get", "bbp", "-n", OperatorUnderTest.NAMESPACE, "-o", "wide").orThrow().stdout();
        assertThat(get).containsPattern("(?m)^NAME\\s+PHASE\\s+READY\\s+STEP\\s+PRIMARY\\s+META\\s+AGE\\s+REASON\\s+MESSAGE$")
                .containsPattern("(?m)^bosh\\s+MutuallyManaged\\s+True\\s+Reachable\\s+Reachable\\s+\\S+\\s+"
                        + "MutuallyManaged\\s+Primary and Meta manage and resurrect each other$");

        String describe = describe(kubectl);
        assertThat(describe)
                .contains("Phase:", "MutuallyManaged")
                .contains("Type:", "Ready", "Reason:", "MutuallyManaged")
                .contains("ResurrectionEnabled", "BothWays")
                .containsPattern("Message: +Meta resurrects Primary and Primary resurrects Meta")
                .contains("Managed By:", "meta", "primary")
                .contains("History:", "UnpauseResurrection", "Succeeded", "resurrection unpaused on Meta")
                .doesNotContain("Operation:")
                .doesNotContain(world.endpoint("meta").clientSecret())
                .doesNotContain(world.endpoint("primary").clientSecret());
        assertThat(events(describe))
                .containsPattern("Normal +ResurrectionUnpaused +\\S+ +binary-bosh-operator +resurrection unpaused on Meta")
                .containsPattern("Normal +MutuallyManaged +.*Ready is True: Primary and Meta manage and resurrect "
                        + "each other")
                .doesNotContain("<none>")
                .as("first values that are no news are not events").doesNotContain("PrimaryReachable is True");

        // A drifted manifest under manual approval: the operation waits, and describe says what to do.
        awaitingApprovalOfADriftedMetaManifest();
        String waiting = describe(kubectl);
        OperationStatus operation = operator.pair().getStatus().getOperation();
        assertThat(waiting)
                .contains("Operation:", "Type:", "Deploy", "Step:", "AwaitingApproval",
                        "waiting for the annotation binarybosh.io/approve to deploy the manifestRef of Meta",
                        operation.getId());
        assertThat(events(waiting))
                .containsPattern("Normal +ApprovalRequired +.*binarybosh.io/approve=" + operation.getId())
                .contains("ResurrectionUnpaused");
    }

    private static String describe(Kubectl kubectl) {
        return kubectl.run("describe", "bbp", OperatorUnderTest.PAIR, "-n", OperatorUnderTest.NAMESPACE)
                .orThrow().stdout();
    }

    /** The Events section at the end of describe's output. */
    private static String events(String describe) {
        int events = describe.lastIndexOf("\nEvents:");
        assertThat(events).as(describe).isPositive();
        return describe.substring(events);
    }

    private void awaitingApprovalOfADriftedMetaManifest() throws Exception {
        BoshHttp primary = new BoshHttp(world.endpoint("primary"));
        primary.login();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode manifest = (ObjectNode) yaml.readTree(primary.get("/deployments/bosh-meta").json()
                .path("manifest").asText());
        ((ObjectNode) manifest.path("instance_groups").get(0).path("properties").path("hm"))
                .putObject("resurrector").put("time_threshold", 601);
        operator.client().configMaps().inNamespace(OperatorUnderTest.NAMESPACE).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("meta-manifest").withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                .withData(Map.of("manifest.yml", yaml.writeValueAsString(manifest))).build()).create();
        operator.editPair(pair -> {
            pair.getSpec().setApproval(ApprovalMode.Manual);
            ConfigMapKeyRef ref = new ConfigMapKeyRef();
            ref.setName("meta-manifest");
            ref.setKey("manifest.yml");
            pair.getSpec().getMeta().setManifestRef(ref);
            return pair;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            OperationStatus operation = operator.pair().getStatus().getOperation();
            return operation != null && "AwaitingApproval".equals(operation.getStep());
        });
    }
}
