package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.store.LockRow;
import io.binarybosh.e2e.sim.store.TaskRow;
import io.binarybosh.e2e.sim.world.World;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** cck, resurrection, recreate, deploy, locks, ssh and task timeouts, as the CLI and HM drive them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorSemanticsTest {
    World world;
    BoshHttp bosh;

    @BeforeAll
    void startWorld(@TempDir Path dir) {
        world = TestWorlds.start(TestWorlds.ONE_DIRECTOR, dir);
        bosh = new BoshHttp(world.endpoint("primary"));
        bosh.login();
    }

    @AfterAll
    void stopWorld() {
        if (world != null) {
            world.close();
        }
    }

    private JsonNode instances(String deployment) {
        return bosh.get("/deployments/" + deployment + "/instances").json();
    }

    private List<JsonNode> fullStates(String deployment) {
        long id = BoshHttp.taskId(bosh.get("/deployments/" + deployment + "/instances?format=full"));
        bosh.waitForTask(id);
        return CliProtocolTest.ndjson(bosh.get("/tasks/" + id + "/output?type=result").body());
    }

    private BoshHttp.TaskWait run(BoshHttp.Reply redirect) {
        return bosh.waitForTask(BoshHttp.taskId(redirect));
    }

    private BoshHttp.TaskWait scan(String deployment) {
        return run(bosh.send("POST", "/deployments/" + deployment + "/scans", "application/json", ""));
    }

    @Test
    void cloudCheckReportAutoAndExplicitRecreate() {
        assertThat(scan("zookeeper").task().path("state").asText()).isEqualTo("done");
        assertThat(bosh.get("/deployments/zookeeper/problems").json()).isEmpty();

        JsonNode before = instances("zookeeper");
        JsonNode unresponsive = before.get(0);
        JsonNode missing = before.get(1);
        world.faults().stopAgent(unresponsive.path("cid").asText());
        world.faults().killVm(missing.path("cid").asText());

        BoshHttp.TaskWait report = scan("zookeeper");
        assertThat(report.task().path("state").asText()).isEqualTo("done");
        assertThat(report.events()).contains("1 OK, 1 unresponsive, 1 missing, 0 unbound");
        bosh.get("/tasks/" + report.task().path("id").asLong() + "/output?type=result");
        JsonNode problems = bosh.get("/deployments/zookeeper/problems").json();
        assertThat(problems).hasSize(2);
        Map<String, JsonNode> byType = new HashMap<>();
        problems.forEach(p -> byType.put(p.path("type").asText(), p));
        JsonNode agentProblem = byType.get("unresponsive_agent");
        assertThat(agentProblem.path("description").asText()).isEqualTo("VM for 'zookeeper/" + unresponsive.path("id").asText()
                + " (0)' with cloud ID '" + unresponsive.path("cid").asText() + "' is not responding.");
        assertThat(agentProblem.path("resolutions").findValuesAsText("name")).containsExactly("ignore", "reboot_vm",
                "recreate_vm_without_wait", "recreate_vm", "delete_vm", "delete_vm_reference");
        assertThat(agentProblem.path("instance_group").asText()).isEqualTo("zookeeper");
        assertThat(byType.get("missing_vm").path("resolutions").findValuesAsText("name"))
                .containsExactly("ignore", "recreate_vm_without_wait", "recreate_vm", "delete_vm_reference");
        assertThat(byType.get("missing_vm").path("description").asText()).endsWith("' missing.");

        // cck --auto: null means each handler's auto resolution; unresponsive_agent's is ignore
        String auto = "{\"resolutions\":{\"" + agentProblem.path("id").asText() + "\":null,\""
                + byType.get("missing_vm").path("id").asText() + "\":null}}";
        BoshHttp.TaskWait applied = run(bosh.send("PUT", "/deployments/zookeeper/problems", "application/json", auto));
        assertThat(applied.task().path("state").asText()).isEqualTo("done");
        assertThat(applied.task().path("result").asText()).isEqualTo("2 resolved");
        JsonNode afterAuto = instances("zookeeper");
        assertThat(afterAuto.get(0).path("agent_id").asText()).isEqualTo(unresponsive.path("agent_id").asText());
        assertThat(afterAuto.get(1).path("cid").asText()).isNotEqualTo(missing.path("cid").asText());
        assertThat(fullStates("zookeeper")).extracting(l -> l.path("job_state").asText())
                .containsExactly("unresponsive agent", "running", "running");

        // cck --resolution recreate_vm
        scan("zookeeper");
        JsonNode again = bosh.get("/deployments/zookeeper/problems").json();
        assertThat(again).hasSize(1);
        BoshHttp.TaskWait recreated = run(bosh.send("PUT", "/deployments/zookeeper/problems", "application/json",
                "{\"resolutions\":{\"" + again.get(0).path("id").asText() + "\":\"recreate_vm\"}}"));
        assertThat(recreated.task().path("result").asText()).isEqualTo("1 resolved");
        JsonNode afterRecreate = instances("zookeeper");
        assertThat(afterRecreate.get(0).path("agent_id").asText()).isNotEqualTo(unresponsive.path("agent_id").asText());
        assertThat(afterRecreate.get(0).path("ips")).isEqualTo(unresponsive.path("ips"));
        assertThat(fullStates("zookeeper")).extracting(l -> l.path("job_state").asText()).containsOnly("running");
        assertThat(world.iaas().vm(unresponsive.path("cid").asText())).isEmpty();
    }

    @Test
    void updateResurrectionAndScanAndFix() {
        BoshHttp.Reply off = bosh.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
        assertThat(off.code()).isEqualTo(200);
        assertThat(off.body()).isEmpty();
        assertThat(bosh.get("/resurrection").json().path("resurrection").asBoolean()).isFalse();
        BoshHttp.Reply refused = bosh.send("PUT", "/deployments/web/scan_and_fix", "application/json", "{\"jobs\":{\"web\":[\"0\"]}}");
        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.json().path("code").asInt()).isEqualTo(410004);
        assertThat(refused.json().path("description").asText()).isEqualTo("Resurrector is paused");
        assertThat(bosh.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":false}").code()).isEqualTo(200);
        assertThat(bosh.get("/resurrection").json().path("resurrection").asBoolean()).isTrue();

        JsonNode web = instances("web").get(0);
        world.faults().killVm(web.path("cid").asText());
        BoshHttp.TaskWait fixed = run(bosh.send("PUT", "/deployments/web/scan_and_fix", "application/json",
                "{\"jobs\":{\"web\":[\"" + web.path("id").asText() + "\"]}}"));
        assertThat(fixed.task().path("description").asText()).isEqualTo("scan and fix");
        assertThat(fixed.task().path("result").asText()).isEqualTo("scan and fix complete");
        assertThat(fixed.task().path("context_id").asText()).isEmpty();
        assertThat(instances("web").get(0).path("cid").asText()).isNotEqualTo(web.path("cid").asText());
        assertThat(bosh.get("/tasks?verbose=1&deployment=web").json().findValuesAsText("description")).doesNotContain("scan and fix");
        assertThat(bosh.get("/tasks?verbose=2&deployment=web").json().findValuesAsText("description")).contains("scan and fix");
    }

    @Test
    void recreateAllThenOneWithFix() {
        JsonNode before = instances("web");
        BoshHttp.Reply redirect = bosh.send("PUT", "/deployments/web/jobs/*?state=recreate", "text/yaml", "");
        BoshHttp.TaskWait all = run(redirect);
        assertThat(all.task().path("state").asText()).isEqualTo("done");
        assertThat(all.events()).contains("\"stage\":\"Updating instance\"");
        JsonNode after = instances("web");
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).path("cid").asText()).isNotEqualTo(before.get(i).path("cid").asText());
        }

        JsonNode target = after.get(1);
        world.faults().stopAgent(target.path("cid").asText());
        BoshHttp.TaskWait withoutFix = run(bosh.send("PUT", "/deployments/web/jobs/web/" + target.path("id").asText()
                + "?state=recreate", "text/yaml", ""));
        assertThat(withoutFix.task().path("state").asText()).isEqualTo("error");
        assertThat(withoutFix.task().path("result").asText()).startsWith("Timed out sending 'get_state'");
        BoshHttp.TaskWait withFix = run(bosh.send("PUT", "/deployments/web/jobs/web/" + target.path("id").asText()
                + "?fix=true&skip_drain=true&state=recreate", "text/yaml", ""));
        assertThat(withFix.task().path("state").asText()).isEqualTo("done");
        assertThat(instances("web").get(1).path("cid").asText()).isNotEqualTo(target.path("cid").asText());
    }

    @Test
    void deployCreatesUpdatesAndScalesThroughTheIaas() {
        String manifest = """
                instance_groups:
                - azs: [z1]
                  instances: 2
                  jobs:
                  - {name: zookeeper, release: zookeeper}
                  name: zk
                  networks: [{name: default}]
                  persistent_disk: 1024
                  stemcell: default
                  vm_type: default
                name: fresh
                releases:
                - {name: zookeeper, version: latest}
                stemcells:
                - {alias: default, os: ubuntu-noble, version: latest}
                """;
        JsonNode diff = bosh.send("POST", "/deployments/fresh/diff?redact=true", "text/yaml", manifest).json();
        assertThat(diff.path("context").isObject()).isTrue();
        diff.path("diff").forEach(row -> assertThat(row).hasSize(2));
        assertThat(diff.path("diff").get(0).get(1).asText()).isEqualTo("added");
        String context = URLEncoder.encode(diff.path("context").toString(), StandardCharsets.UTF_8);
        okhttp3.Headers[] headers = new okhttp3.Headers[1];
        BoshHttp.Reply redirect = bosh.send("POST", "/deployments?context=" + context, "text/yaml", manifest);
        headers[0] = redirect.headers();
        BoshHttp.TaskWait deploy = run(redirect);
        assertThat(deploy.task().path("state").asText()).isEqualTo("done");
        assertThat(deploy.task().path("description").asText()).isEqualTo("create deployment");
        assertThat(deploy.task().path("result").asText()).isEqualTo("/deployments/fresh");
        StreamSupport.stream(Json.read("[" + String.join(",", deploy.events().split("\n")) + "]").spliterator(), false)
                .forEach(e -> assertThat(e.has("time")).isTrue());
        assertThat(instances("fresh")).hasSize(2);
        assertThat(fullStates("fresh")).extracting(l -> l.path("job_state").asText()).containsOnly("running");

        BoshHttp.TaskWait scaled = run(bosh.send("POST", "/deployments", "text/yaml", manifest.replace("instances: 2", "instances: 1")));
        assertThat(scaled.task().path("state").asText()).isEqualTo("done");
        assertThat(instances("fresh")).hasSize(1);

        BoshHttp.Reply nameless = bosh.send("POST", "/deployments", "text/yaml", "releases: []\n");
        assertThat(nameless.code()).isEqualTo(400);
        assertThat(nameless.json().path("code").asInt()).isEqualTo(40001);
        BoshHttp.TaskWait badRelease = run(bosh.send("POST", "/deployments", "text/yaml", manifest.replace("name: zookeeper, version: latest", "name: nope, version: latest")));
        assertThat(badRelease.task().path("state").asText()).isEqualTo("error");
        assertThat(badRelease.events()).contains("\"error\":{\"code\":30000");
    }

    @Test
    void aHeldLockMakesScansAndDeploysFail() {
        Director director = world.director("primary");
        long lockHolder = director.db().update(t -> {
            long id = ++t.lastTaskId;
            t.tasks.put(id, new TaskRow(id, "processing", "create deployment", "update_deployment", null,
                    System.currentTimeMillis() / 1000, null, "admin", "web", "", System.currentTimeMillis(), Json.object()));
            t.locks.add(new LockRow("lock:deployment:web", "deployment", "web", System.currentTimeMillis() + 60_000, id, "uid-1"));
            return id;
        });
        try {
            JsonNode list = bosh.get("/deployments").json();
            JsonNode web = StreamSupport.stream(list.spliterator(), false).filter(d -> d.path("name").asText().equals("web")).findFirst().orElseThrow();
            assertThat(web.path("locked").asBoolean()).isTrue();
            JsonNode locks = bosh.get("/locks").json();
            assertThat(locks.get(0).path("type").asText()).isEqualTo("deployment");
            assertThat(locks.get(0).path("resource").get(0).asText()).isEqualTo("web");
            assertThat(locks.get(0).path("task_id").asText()).isEqualTo(Long.toString(lockHolder));

            BoshHttp.TaskWait scan = scan("web");
            assertThat(scan.task().path("state").asText()).isEqualTo("error");
            assertThat(scan.task().path("result").asText())
                    .isEqualTo("Unable to get deployment lock, maybe a deployment is in progress. Try again later.");
            BoshHttp.TaskWait recreate = run(bosh.send("PUT", "/deployments/web/jobs/*?state=recreate", "text/yaml", ""));
            assertThat(recreate.task().path("state").asText()).isEqualTo("error");
            assertThat(recreate.task().path("result").asText()).startsWith("Failed to acquire lock for lock:deployment:web uid: uid-1");
        } finally {
            director.db().write(t -> t.locks.removeIf(l -> l.taskId() == lockHolder));
        }
    }

    @Test
    void aProcessingTaskNoWorkerRunsTimesOutAfterTheCheckpointTimeout() {
        Director director = world.director("primary");
        long stale = director.db().update(t -> {
            long id = ++t.lastTaskId;
            long old = System.currentTimeMillis() - world.timings().taskCheckpointTimeout().toMillis() - 50;
            t.tasks.put(id, new TaskRow(id, "processing", "scan and fix", "cck_scan_and_fix", old, old / 1000, null,
                    "hm", "web", "", old, Json.object()));
            return id;
        });
        JsonNode task = bosh.get("/tasks/" + stale).json();
        assertThat(task.path("state").asText()).isEqualTo("timeout");
        // the lazy timeout does not touch the timestamp: it stays when the task started
        assertThat(task.path("timestamp").asLong()).isEqualTo(director.db().read(t -> t.tasks.get(stale)).startedAt());
    }

    @Test
    void sshSetupAnswersWithAddressAndHostKey() {
        JsonNode target = instances("zookeeper").get(2);
        String body = "{\"command\":\"setup\",\"deployment_name\":\"zookeeper\",\"target\":{\"job\":\"zookeeper\",\"indexes\":[\""
                + target.path("id").asText() + "\"],\"ids\":[\"" + target.path("id").asText() + "\"]},"
                + "\"params\":{\"user\":\"bosh_op1\",\"public_key\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ op\"}}";
        BoshHttp.TaskWait setup = run(bosh.send("POST", "/deployments/zookeeper/ssh", "application/json", body));
        assertThat(setup.task().path("state").asText()).isEqualTo("done");
        JsonNode result = Json.read(bosh.get("/tasks/" + setup.task().path("id").asLong() + "/output?type=result").body().trim());
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("status").asText()).isEqualTo("success");
        assertThat(result.get(0).path("ip").asText()).isEqualTo(target.path("ips").get(0).asText());
        assertThat(result.get(0).path("host_public_key").asText())
                .isEqualTo(world.iaas().vm(target.path("cid").asText()).orElseThrow().hostPublicKey())
                // the raw /etc/ssh/ssh_host_rsa_key.pub a stemcell makes at first boot (bosh-agent GetHostPublicKey)
                .matches("ssh-rsa [A-Za-z0-9+/=]+ root@\\S+\n?");
        // bosh jobs/ssh.rb adds gateway_host/gateway_user only when director.default_ssh_options is set
        assertThat(result.get(0).has("gateway_host")).isFalse();
        assertThat(result.get(0).has("gateway_user")).isFalse();
        assertThat(world.iaas().vm(target.path("cid").asText()).orElseThrow().agent().sshUsers()).containsKey("bosh_op1");
        String cleanup = body.replace("\"setup\"", "\"cleanup\"").replaceAll("\"params\":\\{.*\\}\\}$", "\"params\":{\"user_regex\":\"^bosh_op1\"}}");
        assertThat(run(bosh.send("POST", "/deployments/zookeeper/ssh", "application/json", cleanup)).task().path("state").asText()).isEqualTo("done");
        assertThat(world.iaas().vm(target.path("cid").asText()).orElseThrow().agent().sshUsers()).isEmpty();
    }
}
