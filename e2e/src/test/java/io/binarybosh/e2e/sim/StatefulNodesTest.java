package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatefulNodesTest {

    @Test
    void scanAndFixSkipsInstancesWithPersistentDisksUnlessAutoFixStatefulNodes(@TempDir Path dir) {
        String yaml = TestWorlds.ONE_DIRECTOR.replace("resurrector: false}", "resurrector: false, autoFixStatefulNodes: false}");
        try (World world = TestWorlds.start(yaml, dir)) {
            BoshHttp bosh = new BoshHttp(world.endpoint("primary"));
            bosh.login();
            JsonNode zk = bosh.get("/deployments/zookeeper/instances").json().get(0);
            JsonNode web = bosh.get("/deployments/web/instances").json().get(0);
            world.faults().killVm(zk.path("cid").asText());
            world.faults().killVm(web.path("cid").asText());

            BoshHttp.TaskWait stateful = bosh.waitForTask(BoshHttp.taskId(bosh.send("PUT", "/deployments/zookeeper/scan_and_fix",
                    "application/json", "{\"jobs\":{\"zookeeper\":[\"" + zk.path("id").asText() + "\"]}}")));
            assertThat(stateful.task().path("state").asText()).isEqualTo("done");
            assertThat(bosh.get("/deployments/zookeeper/instances").json().get(0).path("cid").asText()).isEqualTo(zk.path("cid").asText());

            BoshHttp.TaskWait stateless = bosh.waitForTask(BoshHttp.taskId(bosh.send("PUT", "/deployments/web/scan_and_fix",
                    "application/json", "{\"jobs\":{\"web\":[0]}}")));
            assertThat(stateless.task().path("state").asText()).isEqualTo("done");
            assertThat(bosh.get("/deployments/web/instances").json().get(0).path("cid").asText()).isNotEqualTo(web.path("cid").asText());

            // an explicit cck resolution is not subject to auto_fix_stateful_nodes
            bosh.waitForTask(BoshHttp.taskId(bosh.send("POST", "/deployments/zookeeper/scans", "application/json", "")));
            JsonNode problem = bosh.get("/deployments/zookeeper/problems").json().get(0);
            assertThat(problem.path("type").asText()).isEqualTo("missing_vm");
            bosh.waitForTask(BoshHttp.taskId(bosh.send("PUT", "/deployments/zookeeper/problems", "application/json",
                    "{\"resolutions\":{\"" + problem.path("id").asText() + "\":\"recreate_vm\"}}")));
            JsonNode recreated = bosh.get("/deployments/zookeeper/instances").json().get(0);
            assertThat(recreated.path("cid").asText()).isNotEqualTo(zk.path("cid").asText());
            assertThat(world.iaas().vm(recreated.path("cid").asText()).orElseThrow().diskCid())
                    .isEqualTo(CliProtocolTest.ndjson(fullResult(bosh)).get(0).path("disk_cid").asText());
        }
    }

    @Test
    void deleteVmAndCancelByFilter(@TempDir Path dir) {
        try (World world = TestWorlds.start(TestWorlds.ONE_DIRECTOR, dir)) {
            BoshHttp bosh = new BoshHttp(world.endpoint("primary"));
            bosh.login();
            JsonNode web = bosh.get("/deployments/web/instances").json().get(1);
            BoshHttp.TaskWait deleted = bosh.waitForTask(BoshHttp.taskId(bosh.send("DELETE", "/vms/" + web.path("cid").asText(), null, null)));
            assertThat(deleted.task().path("state").asText()).isEqualTo("done");
            assertThat(world.iaas().hasVm(web.path("cid").asText())).isFalse();
            JsonNode after = bosh.get("/deployments/web/instances").json().get(1);
            assertThat(after.path("cid").isNull()).isTrue();
            assertThat(after.path("expects_vm").asBoolean()).isTrue();
            assertThat(bosh.send("POST", "/tasks/cancel", "application/json", "{\"states\":[\"done\"]}").code()).isEqualTo(400);
            assertThat(bosh.send("POST", "/tasks/cancel", "application/json", "{\"states\":[\"queued\"],\"deployment\":\"web\"}").code())
                    .isEqualTo(204);
        }
    }

    private static String fullResult(BoshHttp bosh) {
        long id = BoshHttp.taskId(bosh.get("/deployments/zookeeper/instances?format=full"));
        bosh.waitForTask(id);
        return bosh.get("/tasks/" + id + "/output?type=result").body();
    }
}
