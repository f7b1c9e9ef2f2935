package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A director with a config server (bosh `dir/config_server/client.rb`): relative variables resolve under the
 * director's name from its manifest, a deploy versions them, and the same database under another name cannot
 * recreate a VM of that deployment.
 */
class ConfigServerTest {

    private static final String PRIMARY_WITH_CREDHUB = TestWorlds.THREE_DIRECTORS.replace(
            "secret: primary-secret}", "secret: primary-secret, configServer: true}");

    @Test
    @SuppressWarnings("unchecked")
    void variablesResolveUnderTheDirectorsNameAndAnotherNameCannotRecreate(@TempDir Path dir) throws Exception {
        try (World world = TestWorlds.start(PRIMARY_WITH_CREDHUB, dir)) {
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            JsonNode info = primary.login();
            assertThat(info.path("features").path("config_server").path("status").asBoolean()).isTrue();
            assertThat(info.path("features").path("config_server").path("extras").path("urls").get(0).asText())
                    .endsWith(":8844/api/");
            assertThat(primary.get("/deployments/bosh-meta/variables").json().findValuesAsText("name"))
                    .containsExactly("/primary-bosh/bosh-meta/blobstore_director_password");

            // the same database, the director deployed under another name
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            Map<String, Object> manifest = Json.YAML.readValue(
                    micro.get("/deployments/bosh-primary").json().path("manifest").asText(), Map.class);
            Map<String, Object> group = ((List<Map<String, Object>>) manifest.get("instance_groups")).get(0);
            ((Map<String, Object>) ((Map<String, Object>) group.get("properties")).get("director"))
                    .put("name", "renamed-bosh");
            assertThat(micro.waitForTask(BoshHttp.taskId(micro.send("POST", "/deployments", "text/yaml",
                    Json.YAML.writeValueAsString(manifest)))).task().path("state").asText()).isEqualTo("done");
            await().atMost(Duration.ofSeconds(30)).until(() -> world.runningDirector("primary")
                    .map(d -> d.config().name().equals("renamed-bosh")).orElse(false));

            BoshHttp renamed = new BoshHttp(world.endpoint("primary"));
            renamed.login();
            BoshHttp.TaskWait recreate = renamed.waitForTask(BoshHttp.taskId(renamed.send("PUT",
                    "/deployments/bosh-meta/jobs/bosh/0?state=recreate", "text/yaml", "")));
            assertThat(recreate.task().path("state").asText()).isEqualTo("error");
            assertThat(recreate.task().path("result").asText()).contains("Expected variable "
                    + "'/renamed-bosh/bosh-meta/blobstore_director_password' to be already versioned in deployment "
                    + "'bosh-meta'");
        }
    }
}
