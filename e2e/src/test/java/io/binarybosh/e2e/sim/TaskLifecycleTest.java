package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks observed as the CLI observes them while they run: queued/processing, then cancelled. */
class TaskLifecycleTest {
    private static final String SLOW = """
            port: 25555
            timeScale: 0.05
            directors:
              primary: {name: primary-bosh, auth: basic, client: admin, secret: s, resurrector: false}
            releases:
              - {name: zookeeper, version: "0.0.10", jobs: [zookeeper]}
            stemcells:
              - {name: bosh-warden-boshlite-ubuntu-noble, os: ubuntu-noble, version: "1.484"}
            """;
    private static final String MANIFEST = """
            name: slow
            releases: [{name: zookeeper, version: latest}]
            stemcells: [{alias: default, os: ubuntu-noble, version: latest}]
            instance_groups:
            - {name: zk, instances: 4, azs: [z1], jobs: [{name: zookeeper, release: zookeeper}], networks: [{name: default}], vm_type: default, stemcell: default}
            """;

    @Test
    void aRunningDeployIsSeenProcessingWithGrowingEventOutputAndCanBeCancelled(@TempDir Path dir) {
        try (World world = TestWorlds.start(SLOW, dir)) {
            BoshHttp bosh = new BoshHttp(world.endpoint("primary"));
            bosh.login();
            long id = BoshHttp.taskId(bosh.send("POST", "/deployments", "text/yaml", MANIFEST));
            List<String> states = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        JsonNode task = bosh.get("/tasks/" + id).json();
                        String state = task.path("state").asText();
                        states.add(state);
                        if (state.equals("processing")) {
                            assertThat(task.path("timestamp").isNull()).isTrue();
                            assertThat(task.path("started_at").asLong()).isPositive();
                        }
                        return !state.equals("queued");
                    });
            assertThat(states.get(states.size() - 1)).isEqualTo("processing");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    bosh.get("/tasks/" + id + "/output?type=event", "bytes=0-").code() == 206);

            assertThat(bosh.send("DELETE", "/task/" + id, null, null).code()).isEqualTo(204);
            assertThat(bosh.get("/tasks/" + id).json().path("state").asText()).isIn("cancelling", "cancelled");
            BoshHttp.TaskWait end = bosh.waitForTask(id);
            assertThat(end.task().path("state").asText()).isEqualTo("cancelled");
            assertThat(end.task().path("timestamp").asLong()).isPositive();
            assertThat(states).doesNotContain("done", "error");
            assertThat(bosh.get("/locks").json()).isEmpty();
        }
    }
}
