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
import org.junit.jupiter.api.io.TempDir;

/** Director VMs in process mode: real monit runs the director, real sshd lets people in. */
class ProcessModeTest {
    @TempDir
    Path dir;

    @Test
    void monitStopsAndStartsTheDirectorWhileTheAgentHeartbeatsFailing() {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            Shell primaryVm = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("person"));
            Path store = world.directorVm("primary").orElseThrow().diskPath();
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            String uuid = primary.login().path("uuid").asText();

            assertThat(Person.awaitAllRunning(primaryVm)).contains("director", "worker_1", "health_monitor", "postgres", "nats");
            assertThat(store.resolve("postgres-15/postmaster.pid")).exists();
            assertThat(ProcessSweep.find(world.directorVm("primary").orElseThrow().cid()))
                    .anyMatch(pid -> ProcessSweep.commandLine(pid).contains("DirectorProcessMain"));

            primaryVm.check("monit stop all");
            Person.awaitAllStopped(primaryVm);
            assertThat(world.runningDirector("primary")).isEmpty();
            assertThatThrownBy(() -> new BoshHttp(world.endpoint("primary")).login()).hasRootCauseInstanceOf(java.net.ConnectException.class);
            assertThat(store.resolve("postgres-15/postmaster.pid")).as("a clean stop removes postmaster.pid").doesNotExist();
            Vm vm = world.directorVm("primary").orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> vm.agent().jobState().equals("failing"));
            assertThat(vm.agent().isRunning()).isTrue();
            assertThat(ProcessSweep.find(vm.cid())).noneMatch(pid -> ProcessSweep.commandLine(pid).contains("DirectorProcessMain"));

            primaryVm.check("monit start all");
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
    void theSshApiAuthorizesAKeyOnTheVmAndCleanupRemovesIt() throws Exception {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            Person person = new Person(dir.resolve("person"));
            String address = world.endpoint("primary").address();
            Shell unauthorized = Shell.to(address, 2222, "root", person.privateKey(), world.ssh("primary").orElseThrow().hostKey(), person.home());
            assertThat(unauthorized.run("true").ok()).isFalse();

            Shell shell = person.sshThrough(micro, "bosh-primary", "bosh_op1");
            assertThat(shell.host()).isEqualTo(address);
            assertThat(shell.check("whoami; pwd; ls var/vcap/store")).contains("root", world.ssh("primary").orElseThrow().home().toString(),
                    "postgres-15", "blobstore", "director");
            assertThat(shell.check("monit summary")).contains("director");
            assertThat(Files.readString(world.ssh("primary").orElseThrow().home().resolve("etc/authorized_keys"))).contains("bosh_op1");

            person.cleanupSsh(micro, "bosh-primary", "^bosh_op1");
            assertThat(shell.run("true").ok()).isFalse();
            assertThat(Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("jumpbox")).check("echo jumpbox")).contains("jumpbox");
        }
    }

    @Test
    void aRecreatedVmHasANewHostKeyAndCloseLeavesNoProcessBehind() {
        String marker;
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            marker = world.processMarker().orElseThrow();
            String oldKey = world.ssh("primary").orElseThrow().hostKey();
            String oldCid = world.directorVm("primary").orElseThrow().cid();
            Path store = world.directorVm("primary").orElseThrow().diskPath();
            assertThat(ProcessSweep.find(marker)).hasSizeGreaterThan(10);

            world.faults().killDirectorVm("primary");
            assertThat(ProcessSweep.find(oldCid)).as("a killed VM takes its processes along").isEmpty();
            assertThat(store.resolve("postgres-15/postmaster.pid"))
                    .as("a killed postgres leaves its postmaster.pid").exists();
            // Micro's health monitor resurrects it: new VM, new sshd with a new host key, same store
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> world.runningDirector("primary").isPresent());
            assertThat(world.ssh("primary").orElseThrow().hostKey()).isNotEqualTo(oldKey);
            assertThat(Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("p")).check("monit summary")).contains("director");
            JsonNode connection = Json.read(world.connectionJson());
            assertThat(connection.path("mode").asText()).isEqualTo("process");
            JsonNode ssh = connection.path("directors").path("primary").path("ssh");
            assertThat(ssh.path("host").asText()).isEqualTo(world.endpoint("primary").address());
            assertThat(ssh.path("port").asInt()).isEqualTo(2222);
            assertThat(ssh.path("user").asText()).isEqualTo("root");
            assertThat(Path.of(ssh.path("private_key").asText())).exists();
            assertThat(ssh.path("host_key").asText()).isEqualTo(world.ssh("primary").orElseThrow().hostKey());
        }
        assertThat(ProcessSweep.find(marker)).as("monit, sshd, director and stand-in processes after close()").isEmpty();
    }
}
