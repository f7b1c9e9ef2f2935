package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.StoreFiles;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import com.fasterxml.jackson.databind.JsonNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brings a world of Micro, Primary and Meta to mutual management the way the procedure does (in-process, without
 * the operator): pause, stop Micro and Meta, Micro's store onto Meta (Meta's moved aside), start Meta, Meta
 * recreates Primary, resurrection back on. Micro stays stopped: retired.
 */
public final class Migrations {

    private Migrations() {
    }

    public static void toMutualManagement(World world) {
        BoshHttp micro = new BoshHttp(world.endpoint("micro"));
        micro.login();
        micro.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
        Vm microVm = world.directorVm("micro").orElseThrow();
        Vm metaVm = world.directorVm("meta").orElseThrow();
        world.faults().stopJobs(microVm.cid());
        world.faults().stopJobs(metaVm.cid());
        StoreFiles.move(metaVm.diskPath(), world.root().resolve("meta-store-aside"));
        StoreFiles.copy(microVm.diskPath(), metaVm.diskPath());
        world.faults().startJobs(metaVm.cid());

        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        meta.login();
        long scan = BoshHttp.taskId(meta.send("POST", "/deployments/bosh-primary/scans", "application/json", ""));
        meta.waitForTask(scan);
        JsonNode problem = meta.get("/deployments/bosh-primary/problems").json().get(0);
        long fix = BoshHttp.taskId(meta.send("PUT", "/deployments/bosh-primary/problems", "application/json",
                "{\"resolutions\":{\"" + problem.path("id").asText() + "\":\"recreate_vm\"}}"));
        assertThat(meta.waitForTask(fix).task().path("state").asText()).isEqualTo("done");
        meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":false}");
        assertThat(world.directorVm("primary").orElseThrow().agent().settings().mbusAddress())
                .isEqualTo(metaVm.address());
    }
}
