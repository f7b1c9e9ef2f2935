package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ten steps of docs binary-bosh.md, done as a person does them, without the operator: the director API,
 * ssh into the director VMs, monit and rsync there. Then the two mistakes a careless person makes.
 */
@ExtendWith(ProcessWorldLock.class)
class TenStepsByHandTest {
    @TempDir
    Path dir;

    @Test
    void theTenStepsEndWithEachDirectorResurrectingTheOther() throws IOException {
        try (World world = ProcessWorlds.start(ProcessWorlds.THREE, dir)) {
            // 1-3: Micro by create-env, Micro deploys Primary, Primary deploys Meta (the world did these)
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            String microUuid = micro.login().path("uuid").asText();
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            String primaryUuid = primary.login().path("uuid").asText();
            assertThat(micro.get("/deployments").names()).containsExactly("bosh-primary");
            assertThat(primary.get("/deployments").names()).contains("bosh-meta", "zookeeper");
            List<String> microReleases = micro.get("/releases").names();
            List<String> microStemcells = micro.get("/stemcells").names();

            Person person = new Person(dir.resolve("person"));
            Shell microVm = Shell.to(world.ssh("micro").orElseThrow(), person.home());  // created by hand: the jumpbox key
            Shell primaryVm = person.sshThrough(micro, "bosh-primary", "bosh_person");
            Shell metaVm = person.sshThrough(primary, "bosh-meta", "bosh_person");
            // once Meta runs on Micro's data it owns bosh-primary: paused, its HM cannot race the cloud check of step 7
            micro.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");

            // 4: stop all three directors and wait until monit shows every process stopped
            for (Shell vm : List.of(metaVm, primaryVm, microVm)) {
                vm.check(Person.MONIT + " stop all");
            }
            for (Shell vm : List.of(metaVm, primaryVm, microVm)) {
                Person.awaitAllStopped(vm);
            }
            assertThat(List.of("micro", "primary", "meta")).allMatch(k -> world.runningDirector(k).isEmpty());
            Path microStore = world.directorVm("micro").orElseThrow().diskPath();
            assertThat(microStore.resolve("postgres-15/postmaster.pid")).doesNotExist();

            // 5: on Meta, empty the store and pull Micro's over ssh from Meta's own address
            String ssh = String.join(" ", microVm.sshCommand(world.endpoint("meta").address()));
            // as root on Meta (sudo), logging into Micro as jumpbox, whose rsync runs as root there too
            metaVm.check("sudo -n sh -c 'rm -rf /var/vcap/store/*' && sudo -n rsync -a --rsync-path='sudo -n rsync' -e '" + ssh
                    + "' jumpbox@" + microVm.host() + ":/var/vcap/store/ /var/vcap/store/");
            Path metaStore = world.directorVm("meta").orElseThrow().diskPath();
            assertThat(metaStore.resolve("postgres-15/bosh.json")).hasSameTextualContentAs(microStore.resolve("postgres-15/bosh.json"));
            assertThat(metaStore.resolve("blobstore")).isDirectory();
            assertThat(metaStore.resolve("director")).isDirectory();
            assertThat(metaStore.resolve("postgres-15/postmaster.pid")).doesNotExist();

            // 6: start Meta; it shows what Micro showed, with bosh-primary as its own deployment
            metaVm.check(Person.MONIT + " start all");
            Person.awaitAllRunning(metaVm);
            BoshHttp meta = new BoshHttp(world.endpoint("meta"));
            JsonNode info = meta.login();
            assertThat(info.path("uuid").asText()).isEqualTo(microUuid);
            assertThat(info.path("name").asText()).isEqualTo("meta-bosh");
            assertThat(meta.get("/deployments").names()).containsExactly("bosh-primary");
            assertThat(meta.get("/releases").names()).isEqualTo(microReleases);
            assertThat(meta.get("/stemcells").names()).isEqualTo(microStemcells);

            // the careless restart: a Micro started again answers with the pair's deployments (split brain)
            microVm.check(Person.MONIT + " start all");
            Person.awaitAllRunning(microVm);
            BoshHttp microAgain = new BoshHttp(world.endpoint("micro"));
            assertThat(microAgain.login().path("uuid").asText()).isEqualTo(meta.login().path("uuid").asText());
            assertThat(microAgain.get("/deployments").names()).isEqualTo(meta.get("/deployments").names()).containsExactly("bosh-primary");
            microVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(microVm);

            // 7: Primary's agent still talks to Micro; Meta's cloud check recreates the VM, keeping the disk
            Vm oldPrimaryVm = world.directorVm("primary").orElseThrow();
            meta.waitForTask(BoshHttp.taskId(meta.send("POST", "/deployments/bosh-primary/scans", "application/json", "")));
            JsonNode problem = meta.get("/deployments/bosh-primary/problems").json().get(0);
            assertThat(problem.path("type").asText()).isEqualTo("unresponsive_agent");
            long fix = BoshHttp.taskId(meta.send("PUT", "/deployments/bosh-primary/problems", "application/json",
                    "{\"resolutions\":{\"" + problem.path("id").asText() + "\":\"recreate_vm\"}}"));
            assertThat(meta.waitForTask(fix).task().path("state").asText()).isEqualTo("done");
            Vm newPrimaryVm = world.directorVm("primary").orElseThrow();
            assertThat(newPrimaryVm.cid()).isNotEqualTo(oldPrimaryVm.cid());
            assertThat(newPrimaryVm.diskCid()).isEqualTo(oldPrimaryVm.diskCid());
            assertThat(newPrimaryVm.agent().settings().mbusAddress()).isEqualTo(world.endpoint("meta").address());
            assertThat(primaryVm.run("true").ok()).as("the recreated VM has a new host key; the pinned one fails").isFalse();
            primary = new BoshHttp(world.endpoint("primary"));
            assertThat(primary.login().path("uuid").asText()).isEqualTo(primaryUuid);
            assertThat(primary.get("/deployments").names()).contains("bosh-meta", "zookeeper");
            Person.awaitAllRunning(person.sshThrough(meta, "bosh-primary", "bosh_person2"));

            // 8: resurrection is on in both manifests; each director's HM recreates the other's killed VM
            assertThat(meta.get("/deployments/bosh-primary").json().path("manifest").asText()).contains("resurrector_enabled: true");
            assertThat(primary.get("/deployments/bosh-meta").json().path("manifest").asText()).contains("resurrector_enabled: true");
            meta.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":false}");
            Duration bound = world.timings().seconds(30 + 60 + 60 + 60 + 60).plusSeconds(20);
            world.faults().killDirectorVm("primary");
            await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> world.runningDirector("primary").isPresent());
            assertThat(world.director("meta").healthMonitor().scanAndFixRequests()).anyMatch(r -> r.startsWith("bosh-primary "));
            assertThat(new BoshHttp(world.endpoint("primary")).login().path("uuid").asText()).isEqualTo(primaryUuid);
            world.faults().killDirectorVm("meta");
            await().atMost(bound).pollInterval(Duration.ofMillis(50)).until(() -> world.runningDirector("meta").isPresent());
            assertThat(world.director("primary").healthMonitor().scanAndFixRequests()).anyMatch(r -> r.startsWith("bosh-meta "));
            assertThat(new BoshHttp(world.endpoint("meta")).login().path("uuid").asText()).isEqualTo(microUuid);

            // 9: retire Micro
            world.faults().killDirectorVm("micro");
            assertThat(world.directorVm("micro")).isEmpty();

            // 10: Primary for everything, Meta for Primary
            BoshHttp primaryNow = new BoshHttp(world.endpoint("primary"));
            primaryNow.login();
            assertThat(primaryNow.get("/deployments").names()).contains("bosh-meta", "zookeeper");
            BoshHttp metaNow = new BoshHttp(world.endpoint("meta"));
            metaNow.login();
            assertThat(metaNow.get("/deployments").names()).containsExactly("bosh-primary");
        }
    }

    private static final String PG_CONTROLDATA = "/var/vcap/packages/postgres-15/bin/pg_controldata /var/vcap/store/postgres-15";

    @Test
    void copyingWhilePostgresRunsLeavesAnUncleanDataDirectory() {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            Person person = new Person(dir.resolve("person"));
            Shell microVm = Shell.to(world.ssh("micro").orElseThrow(), person.home());
            Shell target = person.sshThrough(micro, "bosh-primary", "bosh_person");
            Path targetStore = world.directorVm("primary").orElseThrow().diskPath();
            // the copy makes the target a second Micro owning bosh-primary: paused, neither HM recreates VMs meanwhile
            micro.send("PUT", "/resurrection", "application/json", "{\"resurrection_paused\":true}");
            String rsync = "sudo -n sh -c 'rm -rf /var/vcap/store/*' && sudo -n rsync -a --rsync-path='sudo -n rsync' -e '"
                    + String.join(" ", microVm.sshCommand(target.host())) + "' jumpbox@" + microVm.host()
                    + ":/var/vcap/store/ /var/vcap/store/";
            target.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(target);

            // Micro still running: its postmaster.pid travels with the data
            target.check(rsync);
            assertThat(targetStore.resolve("postgres-15/postmaster.pid")).exists();
            assertThat(target.check("sudo -n " + PG_CONTROLDATA)).contains("Database cluster state:               in production");
            target.check(Person.MONIT + " start all");
            Person.awaitAllRunning(target);
            assertThat(target.check("cat log/postgres.log")).contains("database system was not properly shut down");

            // done right: Micro stopped first, the copy is clean
            target.check(Person.MONIT + " stop all");
            microVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(target);
            Person.awaitAllStopped(microVm);
            target.check(rsync);
            assertThat(targetStore.resolve("postgres-15/postmaster.pid")).doesNotExist();
            assertThat(target.check("sudo -n " + PG_CONTROLDATA)).contains("Database cluster state:               shut down");
            assertThat(targetStore.resolve("postgres-15/bosh.json")).exists();
        }
    }
}
