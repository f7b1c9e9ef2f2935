package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.agent.AgentSettings;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.StoreLayout;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store carries a director's identity, and agents stay bound to the director that created their VM:
 * the situation of the Binary BOSH migration, reproduced with the fault API and a plain copy of the store.
 */
class StoreIdentityTest {
    @TempDir
    Path dir;

    @Test
    void aStoreLaidOutAsOnARealDirector() {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir)) {
            Path store = world.director("primary").store();
            assertThat(store.resolve("postgres-15/PG_VERSION")).hasContent("15");
            assertThat(store.resolve("postgres-15/bosh.json")).isRegularFile();
            assertThat(store.resolve("blobstore/store")).isDirectory();
            assertThat(store.resolve("director/tasks")).isDirectory();
            assertThat(store).isEqualTo(world.directorVm("primary").orElseThrow().diskPath());
        }
    }

    @Test
    void aCopiedStoreCarriesIdentityAndAgentsStayBoundToTheirCreator() {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir)) {
            String microUuid = world.director("micro").uuid();
            String primaryUuid = world.director("primary").uuid();
            Vm microVm = world.directorVm("micro").orElseThrow();
            Vm metaVm = world.directorVm("meta").orElseThrow();
            Vm primaryVm = world.directorVm("primary").orElseThrow();
            assertThat(primaryVm.agent().settings()).extracting(AgentSettings::mbusAddress).isEqualTo(microVm.address());
            assertThat(metaVm.agent().settings().mbusAddress()).isEqualTo(primaryVm.address());

            // as in the migration: resurrection paused first, or Meta's HM would recreate the Primary VM itself
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            micro.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
            // monit stop all on both, then Micro's store replaces Meta's (moved aside, not deleted)
            world.faults().stopJobs(microVm.cid());
            world.faults().stopJobs(metaVm.cid());
            assertThat(world.runningDirector("micro")).isEmpty();
            assertThat(world.runningDirector("meta")).isEmpty();
            StoreFiles.move(metaVm.diskPath(), world.root().resolve("meta-store-aside"));
            StoreFiles.copy(microVm.diskPath(), metaVm.diskPath());
            world.faults().startJobs(metaVm.cid());

            BoshHttp meta = new BoshHttp(world.endpoint("meta"));
            JsonNode info = meta.login();
            assertThat(info.path("uuid").asText()).isEqualTo(microUuid);
            assertThat(info.path("name").asText()).isEqualTo("meta-bosh");
            assertThat(meta.get("/deployments").names()).containsExactly("bosh-primary");
            assertThat(meta.get("/resurrection").json().path("resurrection").asBoolean()).isFalse();
            assertThat(meta.get("/releases").names()).contains("bosh");
            assertThat(meta.get("/stemcells").names()).contains("bosh-warden-boshlite-ubuntu-noble");
            assertThat(meta.get("/tasks?verbose=2").json().findValuesAsText("description")).contains("create deployment");

            // the Primary VM's agent still reports to Micro only: unresponsive on Meta even with Micro back
            world.faults().startJobs(microVm.cid());
            assertThat(stateOf(meta, "bosh-primary")).isEqualTo("unresponsive agent");
            await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(micro, "bosh-primary").equals("running"));
            assertThat(stateOf(meta, "bosh-primary")).isEqualTo("unresponsive agent");

            // Meta recreates the Primary VM: the new agent reports to Meta, Primary comes back with its store
            long scan = BoshHttp.taskId(meta.send("POST", "/deployments/bosh-primary/scans", "application/json", ""));
            meta.waitForTask(scan);
            JsonNode problem = meta.get("/deployments/bosh-primary/problems").json().get(0);
            assertThat(problem.path("type").asText()).isEqualTo("unresponsive_agent");
            long fix = BoshHttp.taskId(meta.send("PUT", "/deployments/bosh-primary/problems", "application/json",
                    "{\"resolutions\":{\"" + problem.path("id").asText() + "\":\"recreate_vm\"}}"));
            assertThat(meta.waitForTask(fix).task().path("state").asText()).isEqualTo("done");
            assertThat(stateOf(meta, "bosh-primary")).isEqualTo("running");
            Vm newPrimaryVm = world.directorVm("primary").orElseThrow();
            assertThat(newPrimaryVm.agent().settings().mbusAddress()).isEqualTo(metaVm.address());
            assertThat(newPrimaryVm.address()).isEqualTo(primaryVm.address());
            assertThat(world.director("primary").uuid()).isEqualTo(primaryUuid);
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            primary.login();
            assertThat(primary.get("/deployments").names()).contains("bosh-meta", "zookeeper");
            assertThat(world.root().resolve("meta-store-aside").resolve(StoreLayout.POSTGRES_DIR)).isDirectory();

            // mutual management: with resurrection back on, each director's HM recreates the other's VM
            meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":false}");
            Duration bound = world.timings().seconds(30 + 60 + 60 + 60 + 60).plusSeconds(10);
            world.faults().killDirectorVm("primary");
            await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> world.runningDirector("primary").isPresent());
            assertThat(world.director("primary").uuid()).isEqualTo(primaryUuid);
            world.faults().killDirectorVm("meta");
            await().atMost(bound).pollInterval(Duration.ofMillis(20)).until(() -> world.runningDirector("meta").isPresent());
            assertThat(world.director("meta").uuid()).isEqualTo(microUuid);
            assertThat(world.directorVm("meta").orElseThrow().agent().settings().mbusAddress()).isEqualTo(primaryVm.address());
        }
    }

    private static String stateOf(BoshHttp bosh, String deployment) {
        long id = BoshHttp.taskId(bosh.get("/deployments/" + deployment + "/instances?format=full"));
        bosh.waitForTask(id);
        return CliProtocolTest.ndjson(bosh.get("/tasks/" + id + "/output?type=result").body()).get(0).path("job_state").asText();
    }
}
