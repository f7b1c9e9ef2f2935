package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The launcher starts the same YAML in process mode and writes how to log into each director VM. */
@ExtendWith(ProcessWorldLock.class)
class ProcessLauncherTest {
    @Test
    void launchesInProcessModeWithSshDetailsAndStopsEverythingItStarted(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("world.yml");
        Files.writeString(yaml, ProcessWorlds.PAIR.replace("mode: process\n", ""));
        Path out = dir.resolve("connection.json");
        String marker;
        try (World world = WorldLauncher.launch(new String[] {yaml.toString(), "--dir", dir.resolve("world").toString(),
                "--out", out.toString(), "--network", TestWorlds.randomNetwork(), "--mode", "process", "--ssh-port", "2223"})) {
            marker = world.processMarker().orElseThrow();
            JsonNode connection = Json.read(Files.readString(out));
            assertThat(connection.path("mode").asText()).isEqualTo("process");
            JsonNode ssh = connection.path("directors").path("micro").path("ssh");
            assertThat(ssh.path("port").asInt()).isEqualTo(2223);
            Shell micro = Shell.to(ssh.path("host").asText(), ssh.path("port").asInt(), ssh.path("user").asText(),
                    Path.of(ssh.path("private_key").asText()), ssh.path("host_key").asText(), dir.resolve("person"));
            assertThat(micro.check(Person.MONIT + " summary")).contains("director", "postgres");
            assertThat(micro.check("sudo -n ls var/vcap/store/postgres-15")).contains("bosh.json", "postmaster.pid");
        }
        assertThat(ProcessSweep.find(marker)).isEmpty();
    }
}
