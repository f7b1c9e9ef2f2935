package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Director VMs in process mode, as on a stemcell: real monit runs the director, real sshd lets people in. */
@ExtendWith(ProcessWorldLock.class)
class ProcessModeTest {
    private static final String PG_CONTROLDATA = "/var/vcap/packages/postgres-15/bin/pg_controldata /var/vcap/store/postgres-15";

    @TempDir
    Path dir;

    @Test
    void monitStopsAndStartsTheDirectorWhileTheAgentHeartbeatsFailing() {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            Shell primaryVm = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("person"));
            Path store = world.directorVm("primary").orElseThrow().diskPath();
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            String uuid = primary.login().path("uuid").asText();

            assertThat(primaryVm.check("whoami")).isEqualTo("jumpbox\n");
            assertThat(Person.awaitAllRunning(primaryVm)).contains("Process 'director'", "'worker_1'", "'health_monitor'",
                    "'postgres'", "'nats'");
            assertThat(primaryVm.run("/var/vcap/bosh/bin/monit summary").ok()).as("the monit wrapper is root's").isFalse();
            assertThat(primaryVm.run("ls /var/vcap/bosh/etc").ok()).isFalse();
            // bpm: postgres runs in its own PID namespace, so postmaster.pid says 2
            assertThat(primaryVm.check("sudo -n head -n 1 /var/vcap/store/postgres-15/postmaster.pid")).isEqualTo("2\n");
            assertThat(primaryVm.run(PG_CONTROLDATA).output()).contains("pg_controldata: error: could not open file",
                    "Permission denied");
            assertThat(primaryVm.check("sudo -n " + PG_CONTROLDATA)).contains("Database cluster state:               in production");
            // the store is the persistent disk's mount point
            assertThat(primaryVm.run("sudo -n mv /var/vcap/store /var/vcap/store-moved").output()).contains("Device or resource busy");
            assertThat(ProcessSweep.find(world.directorVm("primary").orElseThrow().cid()))
                    .anyMatch(pid -> ProcessSweep.commandLine(pid).contains("DirectorProcessMain"));

            primaryVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(primaryVm);
            assertThat(world.runningDirector("primary")).isEmpty();
            assertThatThrownBy(() -> new BoshHttp(world.endpoint("primary")).login()).hasRootCauseInstanceOf(java.net.ConnectException.class);
            assertThat(store.resolve("postgres-15/postmaster.pid")).as("a clean stop removes postmaster.pid").doesNotExist();
            assertThat(primaryVm.check("sudo -n " + PG_CONTROLDATA)).contains("Database cluster state:               shut down");
            Vm vm = world.directorVm("primary").orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> vm.agent().jobState().equals("failing"));
            assertThat(vm.agent().isRunning()).isTrue();
            assertThat(ProcessSweep.find(vm.cid())).noneMatch(pid -> ProcessSweep.commandLine(pid).contains("DirectorProcessMain"));

            primaryVm.check(Person.MONIT + " start all");
            Person.awaitAllRunning(primaryVm);
            await().atMost(Duration.ofSeconds(20)).until(() -> world.runningDirector("primary").isPresent());
            assertThat(new BoshHttp(world.endpoint("primary")).login().path("uuid").asText()).isEqualTo(uuid);
            assertThat(store.resolve("postgres-15/postmaster.pid")).exists();
            assertThat(vm.agent().jobState()).isEqualTo("running");

            // Faults.stopJobs / startJobs are the same real commands
            world.faults().stopJobs(vm.cid());
            assertThat(world.runningDirector("primary")).isEmpty();
            assertThat(store.resolve("postgres-15/postmaster.pid")).doesNotExist();
            Person.awaitAllStopped(primaryVm);
            world.faults().startJobs(vm.cid());
            assertThat(world.runningDirector("primary")).isPresent();
            Person.awaitAllRunning(primaryVm);
        }
    }

    @Test
    void currentMonitWorldsPrintTheTable() {
        try (World world = World.start(io.binarybosh.e2e.sim.world.WorldSpec.parse(ProcessWorlds.PAIR).withMonit("current")
                .withNetwork(io.binarybosh.e2e.sim.TestWorlds.randomNetwork()), dir)) {
            Shell microVm = Shell.to(world.ssh("micro").orElseThrow(), dir.resolve("person"));
            assertThat(Person.awaitAllRunning(microVm)).containsPattern("director\\s+OK\\s+Process");
        }
    }

    @Test
    void theSshApiMakesARealUserWithSudoAndCleanupDeletesIt() throws Exception {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            Person person = new Person(dir.resolve("person"));
            String address = world.endpoint("primary").address();
            String hostKey = world.ssh("primary").orElseThrow().hostKey();
            assertThat(hostKey).matches("ssh-rsa [A-Za-z0-9+/=]+ root@" + world.directorVm("primary").orElseThrow().cid() + "\n");
            Shell unauthorized = Shell.to(address, 2222, "bosh_op1", person.privateKey(), hostKey, person.home());
            assertThat(unauthorized.run("true").ok()).isFalse();

            Shell shell = person.sshThrough(micro, "bosh-primary", "bosh_op1");
            assertThat(shell.host()).isEqualTo(address);
            assertThat(shell.check("whoami; id -nG; pwd; ls var/vcap/store")).contains("bosh_op1\n", "bosh_sshers", "bosh_sudoers",
                    world.ssh("primary").orElseThrow().home().toString(), "postgres-15", "blobstore", "director");
            assertThat(shell.check("sudo -n whoami")).isEqualTo("root\n");
            assertThat(shell.check(Person.MONIT + " summary")).contains("Process 'director'");
            assertThat(shell.check("cat /etc/ssh/ssh_host_rsa_key.pub")).isEqualTo(hostKey);

            // the real agent's useradd fails for a user that exists, until a cleanup removes it
            long again = BoshHttp.taskId(micro.send("POST", "/deployments/bosh-primary/ssh", "application/json",
                    "{\"command\":\"setup\",\"deployment_name\":\"bosh-primary\",\"target\":{\"job\":\"bosh\",\"indexes\":[\"0\"],\"ids\":[]},"
                            + "\"params\":{\"user\":\"bosh_op1\",\"public_key\":\"" + Files.readString(person.home().resolve("id_ed25519.pub")).trim() + "\"}}"));
            JsonNode failed = micro.waitForTask(again).task();
            assertThat(failed.path("state").asText()).isEqualTo("error");
            assertThat(failed.path("result").asText()).startsWith("Creating user: Shelling out to useradd: Running command: 'useradd");
            assertThat(micro.get("/tasks/" + again + "/output?type=event").body()).contains("Creating user: Shelling out to useradd: "
                    + "Running command: 'useradd -m -b /var/vcap/bosh_ssh -s /bin/bash bosh_op1', stdout: '', stderr: "
                    + "'useradd: user 'bosh_op1' already exists");

            person.cleanupSsh(micro, "bosh-primary", "^bosh_op1");
            assertThat(shell.run("true").ok()).isFalse();
            SshHost host = world.processHostOf(world.directorVm("primary").orElseThrow().cid()).orElseThrow();
            assertThat(host.users()).doesNotContain("bosh_op1").contains("jumpbox");
            assertThat(Files.readString(Path.of("/etc/passwd"))).as("the machine's users are untouched").doesNotContain("bosh_op1", "jumpbox");
            Shell jumpbox = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("jumpbox"));
            assertThat(jumpbox.check("whoami")).isEqualTo("jumpbox\n");
            Shell root = Shell.to(address, 2222, "root", world.ssh("primary").orElseThrow().privateKey(), hostKey, dir.resolve("root"));
            assertThat(root.run("true").ok()).as("DenyUsers root").isFalse();
        }
    }

    @Test
    void aRecreatedVmHasANewHostKeyAndCloseLeavesNoProcessOrMountBehind() throws Exception {
        String marker;
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            marker = world.processMarker().orElseThrow();
            String oldKey = world.ssh("primary").orElseThrow().hostKey();
            String oldCid = world.directorVm("primary").orElseThrow().cid();
            Path store = world.directorVm("primary").orElseThrow().diskPath();
            assertThat(ProcessSweep.find(marker)).hasSizeGreaterThan(10);
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).contains(marker);

            world.faults().killDirectorVm("primary");
            assertThat(ProcessSweep.find(oldCid)).as("a killed VM takes its processes along").isEmpty();
            assertThat(store.resolve("postgres-15/postmaster.pid"))
                    .as("a killed postgres leaves its postmaster.pid").exists();
            // Micro's health monitor resurrects it: new VM, new sshd with a new host key, same store
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> world.runningDirector("primary").isPresent());
            assertThat(world.ssh("primary").orElseThrow().hostKey()).isNotEqualTo(oldKey);
            Shell primaryVm = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("p"));
            assertThat(primaryVm.check(Person.MONIT + " summary")).contains("director");
            JsonNode connection = Json.read(world.connectionJson());
            assertThat(connection.path("mode").asText()).isEqualTo("process");
            JsonNode ssh = connection.path("directors").path("primary").path("ssh");
            assertThat(ssh.path("host").asText()).isEqualTo(world.endpoint("primary").address());
            assertThat(ssh.path("port").asInt()).isEqualTo(2222);
            assertThat(ssh.path("user").asText()).isEqualTo("jumpbox");
            assertThat(Path.of(ssh.path("private_key").asText())).exists();
            assertThat(ssh.path("host_key").asText()).isEqualTo(world.ssh("primary").orElseThrow().hostKey());
            assertThat(Files.readString(Path.of("/proc/self/mountinfo")).lines().filter(l -> l.contains(marker)))
                    .as("the dead VM's disk is unmounted, the new one's mounted").hasSize(2);
        }
        assertThat(ProcessSweep.find(marker)).as("monit, sshd, director and stand-in processes after close()").isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("no store mount after close()").doesNotContain(marker);
    }
}
