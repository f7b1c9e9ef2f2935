package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a person sees with real kubectl once the operator has looked after a pair for a while. */
class KubectlDescribeTest extends OperatorWorldTest {


    @Test
    void getAndDescribeTellTheStory() {
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

        String get = kubectl.run("get", "bbp", "-n", OperatorUnderTest.NAMESPACE,
                "-o", "custom-columns=NAME:.metadata.name,PHASE:.status.phase,"
                        + "READY:.status.conditions[?(@.type==\"Ready\")].status,PRIMARY:.status.primary.state,"
                        + "META:.status.meta.state").orThrow().stdout();
        assertThat(get).contains("bosh").contains("MutuallyManaged").contains("True").contains("Reachable");

        String describe = kubectl.run("describe", "bbp", "bosh", "-n", OperatorUnderTest.NAMESPACE).orThrow().stdout();
        assertThat(describe)
                .contains("Phase:", "MutuallyManaged")
                .contains("Type:", "Ready", "Reason:", "MutuallyManaged")
                .contains("ResurrectionEnabled", "BothWays")
                .contains("Managed By:", "meta", "primary")
                .contains("History:", "UnpauseResurrection", "Succeeded", "resurrection unpaused on Meta")
                .doesNotContain(world.endpoint("meta").clientSecret())
                .doesNotContain(world.endpoint("primary").clientSecret());
        // The embedded API ignores describe's involvedObject field selector, so events are read on their own.
        String events = kubectl.run("get", "events", "-n", OperatorUnderTest.NAMESPACE,
                "-o", "custom-columns=TYPE:.type,REASON:.reason,FROM:.source.component,MESSAGE:.message")
                .orThrow().stdout();
        assertThat(events).contains("Normal", "ResurrectionUnpaused", "binary-bosh-operator",
                "resurrection unpaused on Meta").contains("DirectorAnswered");
    }
}
