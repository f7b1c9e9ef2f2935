package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.hm.Alert;
import io.binarybosh.e2e.sim.store.LockRow;
import io.binarybosh.e2e.sim.store.TaskRow;
import io.binarybosh.e2e.sim.hm.HealthMonitor;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health monitor and resurrector of a director, end to end over the simulated NATS and API. */
class HealthMonitorTest {
    /** Twice the usual test scale: heartbeats 600 ms apart leave room for scheduling jitter on a loaded CI. */
    private static final double SCALE = 0.02;

    @TempDir
    Path dir;

    /** Upper bound of a real resurrection: last heartbeat 30 s + timeout 60 s + analysis 60 s + poll 60 s. */
    /** Nothing happens: the condition holds the whole time. */
    private static void staysTrue(Duration period, java.util.concurrent.Callable<Boolean> condition) {
        await().during(period).atMost(period.plusSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition);
    }

    /** The health monitor has read {@code path} from its director since {@code after}: it knows the change. */
    private static void awaitHealthMonitorAsked(World world, String path, Instant after) {
        await().atMost(resurrectionBound(world)).until(() -> world.requests("primary").stream()
                .anyMatch(r -> "hm".equals(r.user()) && path.equals(r.path()) && r.at().isAfter(after)));
    }

    private static Duration resurrectionBound(World world) {
        return world.timings().seconds(30 + 60 + 60 + 60).plus(world.timings().seconds(60)).plusSeconds(5);
    }

    @Test
    void aKilledDirectorVmIsResurrectedByItsManagingDirectorWithItsStore() {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, SCALE, dir)) {
            String uuid = world.director("meta").uuid();
            int tasksBefore = world.director("meta").db().read(t -> t.tasks.size());
            Vm oldVm = world.directorVm("meta").orElseThrow();

            world.faults().killDirectorVm("meta");
            assertThat(world.runningDirector("meta")).isEmpty();

            await().atMost(resurrectionBound(world)).pollInterval(Duration.ofMillis(20))
                    .until(() -> world.runningDirector("meta").isPresent());
            assertThat(world.director("primary").healthMonitor().scanAndFixRequests())
                    .anyMatch(r -> r.startsWith("bosh-meta {\"jobs\":{\"bosh\":["));
            Vm newVm = world.directorVm("meta").orElseThrow();
            assertThat(newVm.cid()).isNotEqualTo(oldVm.cid());
            assertThat(newVm.address()).isEqualTo(oldVm.address());
            assertThat(newVm.hostPublicKey()).isNotEqualTo(oldVm.hostPublicKey());
            assertThat(newVm.diskCid()).isEqualTo(oldVm.diskCid());
            assertThat(world.director("meta").uuid()).isEqualTo(uuid);
            int tasksAfter = world.director("meta").db().read(t -> t.tasks.size());
            assertThat(tasksAfter).isGreaterThanOrEqualTo(tasksBefore);
            BoshHttp meta = new BoshHttp(world.endpoint("meta"));
            assertThat(meta.login().path("uuid").asText()).isEqualTo(uuid);
            assertThat(meta.get("/releases").names()).contains("bosh", "zookeeper");

            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            primary.login();
            JsonNode tasks = primary.get("/tasks?deployment=bosh-meta&verbose=2").json();
            JsonNode scanAndFix = null;
            for (JsonNode t : tasks) {
                if (t.path("description").asText().equals("scan and fix")) {
                    scanAndFix = t;
                }
            }
            assertThat(scanAndFix).isNotNull();
            assertThat(scanAndFix.path("user").asText()).isEqualTo("hm");
            assertThat(scanAndFix.path("state").asText()).isEqualTo("done");
        }
    }

    @Test
    void aFailingAgentIsNeverResurrected() {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, SCALE, dir)) {
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            primary.login();
            JsonNode zk = primary.get("/deployments/zookeeper/instances").json().get(0);
            world.faults().stopJobs(zk.path("cid").asText());

            HealthMonitor hm = world.director("primary").healthMonitor();
            staysTrue(resurrectionBound(world).minusSeconds(5), () ->
                    hm.scanAndFixRequests().stream().noneMatch(r -> r.startsWith("zookeeper "))
                            && primary.get("/deployments/zookeeper/instances").json().get(0).path("cid").asText()
                            .equals(zk.path("cid").asText()));
            long id = BoshHttp.taskId(primary.get("/deployments/zookeeper/instances?format=full"));
            primary.waitForTask(id);
            String result = primary.get("/tasks/" + id + "/output?type=result").body();
            assertThat(CliProtocolTest.ndjson(result).get(0).path("job_state").asText()).isEqualTo("failing");
        }
    }

    private static final String FIVE_VMS = """
            port: 25555
            timeScale: 0.01
            directors:
              primary: {name: primary-bosh, auth: basic, client: admin, secret: s}
            releases:
              - {name: zookeeper, version: "0.0.10", jobs: [zookeeper]}
            stemcells:
              - {name: bosh-warden-boshlite-ubuntu-noble, os: ubuntu-noble, version: "1.484"}
            deployments:
              - name: zookeeper
                director: primary
                instanceGroups:
                  - {name: zookeeper, instances: 5, jobs: [zookeeper]}
            """;

    @Test
    void meltdownWhenFiveOfFiveAreDownThenNothingMoreIsResurrected() {
        try (World world = TestWorlds.start(FIVE_VMS, SCALE, dir)) {
            assertThat(world.deploymentVms("zookeeper")).hasSize(5);
            world.deploymentVms("zookeeper").forEach(vm -> world.faults().killVm(vm.cid()));
            HealthMonitor hm = world.director("primary").healthMonitor();
            await().atMost(resurrectionBound(world)).until(() ->
                    hm.alerts().stream().map(Alert::title).anyMatch("We are in meltdown"::equals));
            // agents time out one heartbeat phase apart, so (as on a real HM) a first tick may still have seen
            // fewer than five and asked for a scan_and_fix; once in meltdown, nothing more is asked
            int before = hm.scanAndFixRequests().size();
            staysTrue(world.timings().seconds(120), () -> hm.scanAndFixRequests().size() == before);
        }
    }

    @Test
    void oneOfFiveDownIsResurrectedAndPausedResurrectionIsRefusedByTheDirector() {
        try (World world = TestWorlds.start(FIVE_VMS, SCALE, dir)) {
            BoshHttp bosh = new BoshHttp(world.endpoint("primary"));
            bosh.login();
            bosh.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
            JsonNode victim = bosh.get("/deployments/zookeeper/instances").json().get(3);
            world.faults().killVm(victim.path("cid").asText());
            HealthMonitor hm = world.director("primary").healthMonitor();
            await().atMost(resurrectionBound(world)).until(() -> !hm.scanAndFixRequests().isEmpty());
            assertThat(bosh.get("/tasks?verbose=2&deployment=zookeeper").json().findValuesAsText("description"))
                    .doesNotContain("scan and fix");
            assertThat(hm.alerts().stream().map(Alert::title)).doesNotContain("We are in meltdown");

            bosh.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":false}");
            await().atMost(resurrectionBound(world)).until(() ->
                    !bosh.get("/deployments/zookeeper/instances").json().get(3).path("cid").asText().equals(victim.path("cid").asText()));
            List<String> requests = hm.scanAndFixRequests();
            assertThat(requests.get(0)).isEqualTo("zookeeper {\"jobs\":{\"zookeeper\":[\"" + victim.path("id").asText() + "\"]}}");
        }
    }

    @Test
    void skipsLockedDeploymentsAndDeploymentsWithAScanAndFixInFlight() {
        try (World world = TestWorlds.start(FIVE_VMS, SCALE, dir)) {
            Director director = world.director("primary");
            long now = System.currentTimeMillis();
            long inFlight = director.db().update(t -> {
                long id = ++t.lastTaskId;
                // a checkpoint in the future keeps it `processing` for the whole test
                t.tasks.put(id, new TaskRow(id, "processing", "scan and fix", "cck_scan_and_fix", null, now / 1000, null,
                        "hm", "zookeeper", "", now + 3_600_000, Json.object()));
                t.locks.add(new LockRow("lock:deployment:zookeeper", "deployment", "zookeeper", now + 3_600_000, id, "uid"));
                return id;
            });
            HealthMonitor hm = director.healthMonitor();
            awaitHealthMonitorAsked(world, "/deployments", Instant.ofEpochMilli(now));
            String cid = world.iaas().vms().stream()
                    .filter(vm -> vm.agent().spec() != null && "zookeeper".equals(vm.agent().spec().deployment()))
                    .findFirst().orElseThrow().cid();
            world.faults().killVm(cid);

            staysTrue(resurrectionBound(world).minusSeconds(5), () ->
                    hm.alerts().stream().map(Alert::title).noneMatch(t -> t.startsWith("zookeeper has")));

            director.db().write(t -> t.locks.clear());
            await().atMost(resurrectionBound(world)).until(() -> hm.alerts().stream().map(Alert::title)
                    .anyMatch(t -> t.equals("zookeeper has instances with timed out agents")));
            staysTrue(world.timings().seconds(120), () -> hm.scanAndFixRequests().isEmpty());

            director.db().write(t -> t.tasks.computeIfPresent(inFlight, (k, r) -> r.finished("done", "scan and fix complete", now)));
            await().atMost(resurrectionBound(world)).until(() -> !hm.scanAndFixRequests().isEmpty());
            await().atMost(resurrectionBound(world)).until(() -> world.iaas().vm(cid).isEmpty()
                    && world.iaas().vms().size() == 6);
        }
    }

    @Test
    void aResurrectionConfigDisablesAnInstanceGroup() {
        try (World world = TestWorlds.start(FIVE_VMS, SCALE, dir)) {
            BoshHttp bosh = new BoshHttp(world.endpoint("primary"));
            bosh.login();
            String rules = "rules:\\n- enabled: false\\n  include: {deployments: [zookeeper]}\\n";
            Instant posted = Instant.now();
            assertThat(bosh.send("POST", "/configs", "application/json",
                    "{\"name\":\"off\",\"type\":\"resurrection\",\"content\":\"" + rules + "\"}").code()).isEqualTo(201);
            awaitHealthMonitorAsked(world, "/configs", posted);
            JsonNode victim = bosh.get("/deployments/zookeeper/instances").json().get(0);
            world.faults().killVm(victim.path("cid").asText());
            HealthMonitor hm = world.director("primary").healthMonitor();
            await().atMost(resurrectionBound(world)).until(() -> hm.alerts().stream().map(Alert::title)
                    .anyMatch(t -> t.equals("zookeeper has instances with timed out agents")));
            staysTrue(world.timings().seconds(120), () -> hm.scanAndFixRequests().isEmpty());
        }
    }
}
