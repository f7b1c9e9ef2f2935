package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redeploying a director through the director that manages it, as the operator does on manifest drift. */
class DirectorRedeployTest {

    @Test
    @SuppressWarnings("unchecked")
    void aChangedManifestRestartsTheDirectorWithItsStoreAndItsAgents(@TempDir Path dir) throws Exception {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir)) {
            String uuid = world.director("primary").uuid();
            String cid = world.directorVm("primary").orElseThrow().cid();
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            String text = micro.get("/deployments/bosh-primary").json().path("manifest").asText();
            Map<String, Object> manifest = Json.YAML.readValue(text, Map.class);
            Map<String, Object> group = ((List<Map<String, Object>>) manifest.get("instance_groups")).get(0);
            Map<String, Object> properties = (Map<String, Object>) group.get("properties");
            // like a manifest whose certificates and NATS CA come from the config server
            properties.remove("nats");
            ((Map<String, Object>) properties.get("director")).remove("ssl");
            ((Map<String, Object>) ((Map<String, Object>) properties.get("hm")).get("resurrector")).put("minimum_down_jobs", 1);

            BoshHttp.TaskWait deploy = micro.waitForTask(BoshHttp.taskId(
                    micro.send("POST", "/deployments", "text/yaml", Json.YAML.writeValueAsString(manifest))));
            assertThat(deploy.task().path("state").asText()).isEqualTo("done");
            assertThat(deploy.events()).contains("\"stage\":\"Updating instance\"");

            await().atMost(Duration.ofSeconds(10)).until(() -> world.runningDirector("primary").isPresent());
            assertThat(world.director("primary").config().hm().minimumDownJobs()).isEqualTo(1);
            assertThat(world.director("primary").uuid()).isEqualTo(uuid);
            assertThat(world.directorVm("primary").orElseThrow().cid()).isEqualTo(cid);
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            primary.login();
            long id = BoshHttp.taskId(primary.get("/deployments/zookeeper/instances?format=full"));
            primary.waitForTask(id);
            assertThat(CliProtocolTest.ndjson(primary.get("/tasks/" + id + "/output?type=result").body()))
                    .extracting(l -> l.path("job_state").asText()).containsOnly("running");
        }
    }
}
