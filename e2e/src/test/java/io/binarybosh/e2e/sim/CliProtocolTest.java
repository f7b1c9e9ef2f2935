package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The requests of bosh-cli-protocol.md, sent as the CLI sends them, and the answers it expects. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliProtocolTest {
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

    static List<JsonNode> ndjson(String body) {
        List<JsonNode> lines = new ArrayList<>();
        assertThat(body).endsWith("\n");
        for (String line : body.split("\n")) {
            lines.add(Json.read(line));
        }
        return lines;
    }

    @Test
    void envAnswersInfoAnonymouslyAndWithTheUser() {
        BoshHttp anonymous = new BoshHttp(world.endpoint("primary"));
        JsonNode info = anonymous.get("/info").json();
        assertThat(info.path("user").isNull()).isTrue();
        assertThat(info.path("name").asText()).isEqualTo("primary-bosh");
        assertThat(info.path("uuid").asText()).matches("[0-9a-f-]{36}");
        assertThat(info.path("version").asText()).isEqualTo("283.1.6 (00000000)");
        assertThat(info.path("stemcell_os").asText()).isEqualTo("ubuntu-noble");
        assertThat(info.path("user_authentication").path("type").asText()).isEqualTo("uaa");
        // UAA is its own job on its own port (bosh-deployment uaa.yml: https://((internal_ip)):8443)
        assertThat(info.path("user_authentication").path("options").path("url").asText())
                .isEqualTo("https://" + world.endpoint("primary").address() + ":8443");
        assertThat(bosh.get("/info").json().path("user").asText()).isEqualTo("admin");
    }

    @Test
    void tokenEndpointGivesAJwtShapedBearerToken() {
        String uaa = "https://" + world.endpoint("primary").address() + ":8443";
        okhttp3.Request request = new okhttp3.Request.Builder().url(uaa + "/oauth/token")
                .header("Authorization", okhttp3.Credentials.basic("admin", "primary-secret"))
                .post(new okhttp3.FormBody.Builder().add("grant_type", "client_credentials").build()).build();
        try (okhttp3.Response r = bosh.client().newCall(request).execute()) {
            JsonNode token = Json.read(r.body().string());
            assertThat(r.code()).isEqualTo(200);
            assertThat(token.path("token_type").asText()).isEqualTo("bearer");
            assertThat(token.path("access_token").asText().split("\\.")).hasSize(3);
            assertThat(token.path("expires_in").asLong()).isPositive();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        okhttp3.Request wrong = request.newBuilder().header("Authorization", okhttp3.Credentials.basic("admin", "nope")).build();
        try (okhttp3.Response r = bosh.client().newCall(wrong).execute()) {
            assertThat(r.code()).isEqualTo(401);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unauthenticatedRequestsGet401AsOnARealDirector() {
        BoshHttp.Reply reply = new BoshHttp(world.endpoint("primary")).get("/deployments");
        assertThat(reply.code()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("Not authorized: '/deployments'\n");
        assertThat(reply.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"BOSH Director\"");
    }

    @Test
    void httpsOnly() {
        okhttp3.OkHttpClient plain = new okhttp3.OkHttpClient.Builder().callTimeout(java.time.Duration.ofSeconds(5)).build();
        String url = "http://" + world.endpoint("primary").address() + ":" + world.endpoint("primary").port() + "/info";
        assertThatThrownBy(() -> {
            try (okhttp3.Response r = plain.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
                if (r.code() == 200) {
                    throw new AssertionError("plain HTTP answered");
                }
                throw new IOException("not HTTP: " + r.code());
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void deploymentsListsReleasesStemcellsAndTeams() {
        JsonNode list = bosh.get("/deployments?exclude_configs=true").json();
        assertThat(bosh.get("/deployments?exclude_configs=true").names()).contains("zookeeper", "web");
        JsonNode zk = list.get(bosh.get("/deployments?exclude_configs=true").names().indexOf("zookeeper"));
        assertThat(zk.path("releases").get(0).path("name").asText()).isEqualTo("zookeeper");
        assertThat(zk.path("releases").get(0).path("version").asText()).isEqualTo("0.0.10");
        assertThat(zk.path("stemcells").get(0).path("version").asText()).isEqualTo("1.484");
        assertThat(zk.path("teams").isArray()).isTrue();
        assertThat(zk.has("cloud_config")).isFalse();
        assertThat(zk.path("locked").asBoolean()).isFalse();
        assertThat(bosh.get("/deployments/zookeeper").json().path("manifest").asText()).contains("name: zookeeper");
    }

    @Test
    void instancesFullIsATaskWithNdjsonResult() {
        BoshHttp.Reply redirect = bosh.get("/deployments/zookeeper/instances?format=full");
        long id = BoshHttp.taskId(redirect);
        BoshHttp.TaskWait wait = bosh.waitForTask(id);
        assertThat(wait.task().path("state").asText()).isEqualTo("done");
        assertThat(wait.task().path("description").asText()).isEqualTo("retrieve vm-stats");
        assertThat(wait.eventCodes()).last().isEqualTo(416);
        List<JsonNode> lines = ndjson(bosh.get("/tasks/" + id + "/output?type=result").body());
        assertThat(lines).hasSize(3);
        for (JsonNode line : lines) {
            assertThat(line.path("job_name").asText()).isEqualTo("zookeeper");
            assertThat(line.path("job_state").asText()).isEqualTo("running");
            assertThat(line.path("agent_id").asText()).isNotEmpty();
            assertThat(line.path("vm_cid").asText()).startsWith("vm-");
            assertThat(line.path("disk_cids")).hasSize(1);
            assertThat(Instant.parse(line.path("vm_created_at").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(line.path("processes").get(0).path("state").asText()).isEqualTo("running");
            assertThat(line.path("stemcell").path("api_version").asInt()).isEqualTo(3);
            assertThat(line.path("ips").get(0).asText()).startsWith("127.");
        }
    }

    @Test
    void vmsFullAndPlainLists() {
        long id = BoshHttp.taskId(bosh.get("/deployments/web/vms?format=full"));
        assertThat(bosh.waitForTask(id).task().path("state").asText()).isEqualTo("done");
        assertThat(ndjson(bosh.get("/tasks/" + id + "/output?type=result").body())).hasSize(2);
        JsonNode plain = bosh.get("/deployments/web/vms").json();
        assertThat(plain).hasSize(2);
        assertThat(plain.get(0).path("active").asBoolean()).isTrue();
        JsonNode instances = bosh.get("/deployments/web/instances").json();
        assertThat(instances.get(0).path("expects_vm").asBoolean()).isTrue();
        assertThat(instances.get(0).path("cid").asText()).startsWith("vm-");
    }

    @Test
    void tasksRecentHidesNonWhitelistedTypesUnlessVerbose2() {
        bosh.waitForTask(BoshHttp.taskId(bosh.get("/deployments/web/instances?format=full")));
        JsonNode recent = bosh.get("/tasks?limit=30&verbose=1").json();
        assertThat(recent.findValuesAsText("description")).doesNotContain("retrieve vm-stats").contains("create deployment");
        JsonNode all = bosh.get("/tasks?limit=30&verbose=2").json();
        assertThat(all.findValuesAsText("description")).contains("retrieve vm-stats");
        JsonNode first = all.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "state", "description", "timestamp",
                "started_at", "result", "user", "deployment", "context_id");
        assertThat(all.get(0).path("id").asLong()).isGreaterThan(all.get(1).path("id").asLong());
        assertThat(bosh.get("/tasks?limit=1&verbose=2").json()).hasSize(1);
        assertThat(bosh.get("/tasks?state=processing,cancelling,queued&verbose=2").code()).isEqualTo(200);
    }

    @Test
    void taskOutputHonoursRange() {
        long id = BoshHttp.taskId(bosh.send("POST", "/deployments/web/scans", "application/json", ""));
        bosh.waitForTask(id);
        String full = bosh.get("/tasks/" + id + "/output?type=event").body();
        assertThat(full).isNotEmpty().endsWith("\n");
        BoshHttp.Reply partial = bosh.get("/tasks/" + id + "/output?type=event", "bytes=5-");
        assertThat(partial.code()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(full.substring(5));
        assertThat(partial.headers().get("Content-Range")).isEqualTo("bytes 5-" + (full.length() - 1) + "/" + full.length());
        assertThat(bosh.get("/tasks/" + id + "/output?type=event", "bytes=" + full.length() + "-").code()).isEqualTo(416);
        assertThat(bosh.get("/tasks/" + id + "/output?type=none").code()).isEqualTo(204);
        for (String line : full.split("\n")) {
            assertThat(Json.read(line).path("time").asLong()).isPositive();
        }
    }

    @Test
    void cancelAndNotFoundRoutes() {
        long id = BoshHttp.taskId(bosh.get("/deployments/web/instances?format=full"));
        bosh.waitForTask(id);
        BoshHttp.Reply cancel = bosh.send("DELETE", "/task/" + id, null, null);
        assertThat(cancel.code()).isEqualTo(400);
        assertThat(cancel.json().path("description").asText()).isEqualTo("Cannot cancel task " + id + ": invalid state (done)");
        BoshHttp.Reply plural = bosh.send("DELETE", "/tasks/" + id, null, null);
        assertThat(plural.code()).isEqualTo(404);
        assertThat(plural.body()).isEqualTo("Endpoint '/tasks/" + id + "' not found.");
        assertThat(bosh.get("/tasks/999999").json().path("code").asInt()).isEqualTo(10000);
        BoshHttp.Reply missing = bosh.get("/deployments/nope/instances");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().path("code").asInt()).isEqualTo(70000);
        assertThat(missing.json().path("description").asText()).isEqualTo("Deployment 'nope' doesn't exist");
    }

    @Test
    void contentTypeIsARouteCondition() {
        BoshHttp.Reply wrong = bosh.send("POST", "/deployments", "application/json", "name: x\n");
        assertThat(wrong.code()).isEqualTo(404);
        assertThat(wrong.body()).isEqualTo("Endpoint '/deployments' not found.");
        BoshHttp.Reply wrongRecreate = bosh.send("PUT", "/deployments/web/jobs/*?state=recreate", "application/json", "");
        assertThat(wrongRecreate.code()).isEqualTo(404);
        assertThat(bosh.send("PUT", "/resurrection", "text/yaml", "{}").code()).isEqualTo(404);
        assertThat(bosh.send("PUT", "/deployments/web/jobs/web/0/resurrection", "application/json", "").code()).isEqualTo(410);
    }

    @Test
    void theWorldRecordsWhatClientsSent() {
        BoshHttp fresh = new BoshHttp(world.endpoint("primary"));
        fresh.login();
        fresh.get("/deployments?exclude_configs=true");
        List<io.binarybosh.e2e.sim.api.RecordedRequest> log = world.requests("primary");
        // the director's own health monitor polls in the background as user `hm`
        var last = log.stream().filter(r -> !"hm".equals(r.user())).reduce((a, b) -> b).orElseThrow();
        assertThat(last.method()).isEqualTo("GET");
        assertThat(last.path()).isEqualTo("/deployments");
        assertThat(last.query()).containsEntry("exclude_configs", "true");
        assertThat(last.user()).isEqualTo("admin");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.headers()).containsEntry("connection", "close").doesNotContainKey("authorization");
        assertThat(log).anyMatch(r -> r.path().equals("/info") && r.user() == null)
                .noneMatch(r -> r.path().equals("/oauth/token"));
    }

    @Test
    void resurrectionConfigsAndCertificateExpiry() {
        assertThat(bosh.get("/configs?type=resurrection&latest=true").json()).isEmpty();
        assertThat(bosh.get("/configs?latest=true&limit=1&type=deploy").json()).isEmpty();
        BoshHttp.Reply created = bosh.send("POST", "/configs", "application/json",
                "{\"name\":\"off\",\"type\":\"resurrection\",\"content\":\"rules: []\\n\"}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(bosh.get("/configs?type=resurrection&latest=true").json()).hasSize(1);
        assertThat(bosh.send("DELETE", "/configs?type=resurrection&name=off", null, null).code()).isEqualTo(204);
        assertThat(bosh.get("/director/certificate_expiry").code()).isEqualTo(200);
        assertThat(bosh.get("/stemcells").json().get(0).path("operating_system").asText()).isEqualTo("ubuntu-noble");
        JsonNode releases = bosh.get("/releases").json();
        assertThat(releases.findValuesAsText("name")).contains("bosh", "zookeeper");
    }
}
