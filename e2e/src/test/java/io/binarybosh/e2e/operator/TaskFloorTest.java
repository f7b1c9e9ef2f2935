package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorCredentials;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 point 6: {@code GET /tasks} is ordered by timestamp, so the newest task id is not the first of a page.
 * A task that started earlier and ended last comes first: {@code limit=1} gives a floor too low, the wide window not.
 */
class TaskFloorTest {

    @Test
    void theFloorIsTheHighestIdNotTheFirstListed(@TempDir Path dir) {
        try (World world = TestWorlds.start(TestWorlds.ONE_DIRECTOR, dir)) {
            var endpoint = world.endpoint("primary");
            long older = world.director("primary").stuckTask("zookeeper", "create deployment", "ops", Duration.ZERO);
            BoshHttp bosh = new BoshHttp(endpoint);
            bosh.login();
            long newer = bosh.waitForTask(BoshHttp.taskId(bosh.send("POST", "/deployments/zookeeper/scans",
                    "application/json", ""))).task().path("id").asLong();
            bosh.send("DELETE", "/task/" + older, null, null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bosh.get("/tasks/" + older).json().path("state").asText().equals("cancelled"));

            try (DirectorClient client = OperatorUnderTest.realDirectors().create(new DirectorEndpoint(
                    URI.create(endpoint.url()), endpoint.caCert(),
                    new DirectorCredentials(endpoint.client(), endpoint.clientSecret()), DirectorTimeouts.defaults()))) {
                List<Task> first = client.tasks(new TaskQuery(List.of(), "zookeeper", null, 1, true));
                assertThat(first).extracting(Task::id).as("what limit=1 gave as the floor").containsExactly(older);
                assertThat(TaskFloor.of(client, "zookeeper")).isEqualTo(newer);
            }
        }
    }
}
