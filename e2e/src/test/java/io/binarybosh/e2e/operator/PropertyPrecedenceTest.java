package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * BOSH's property precedence: a job with a {@code properties} key gets only that hash. Meta's health_monitor job is
 * given its own properties without {@code hm.resurrector_enabled} while the instance group still says true: Meta's
 * health monitor runs without a resurrector, and the operator must say so.
 */
class PropertyPrecedenceTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aHealthMonitorJobWithItsOwnPropertiesIgnoresTheGroups() throws Exception {
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        BoshHttp primary = new BoshHttp(world.endpoint("primary"));
        primary.login();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode manifest = (ObjectNode) yaml.readTree(
                primary.get("/deployments/bosh-meta").json().path("manifest").asText());
        JsonNode group = manifest.path("instance_groups").get(0);
        assertThat(group.path("properties").path("hm").path("resurrector_enabled").asBoolean()).isTrue();
        ObjectNode hm = ((ObjectNode) group.path("properties").path("hm")).deepCopy();
        hm.remove("resurrector_enabled");
        for (JsonNode job : group.path("jobs")) {
            if ("health_monitor".equals(job.path("name").asText())) {
                ((ObjectNode) job).putObject("properties").set("hm", hm);
            }
        }
        long task = BoshHttp.taskId(primary.send("POST", "/deployments", "text/yaml", yaml.writeValueAsString(manifest)));
        assertThat(primary.waitForTask(task).task().path("state").asText()).isEqualTo("done");
        await().atMost(LONG).until(() -> world.runningDirector("meta")
                .map(d -> !d.config().hm().resurrectorEnabled()).orElse(false));

        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> { });
        operator.start();
        await().atMost(LONG).until(() -> operator.is("ResurrectionEnabled", "False", "ResurrectorDisabled"));
        assertThat(operator.condition("ResurrectionEnabled").orElseThrow().getMessage())
                .contains("Meta: hm.resurrector_enabled is not set");
    }
}
