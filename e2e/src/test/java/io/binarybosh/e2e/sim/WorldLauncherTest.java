package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldLauncherTest {
    @Test
    void launchesFromYamlAndWritesTheConnectionFile(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("world.yml");
        Files.writeString(yaml, TestWorlds.THREE_DIRECTORS);
        Path out = dir.resolve("out/connection.json");
        try (World world = WorldLauncher.launch(new String[] {yaml.toString(), "--dir", dir.resolve("world").toString(),
                "--out", out.toString(), "--network", TestWorlds.randomNetwork()})) {
            JsonNode connection = Json.read(Files.readString(out));
            assertThat(world.endpoints()).hasSize(3);
            assertThat(connection.path("ca_cert").asText()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(connection.path("directors").fieldNames()).toIterable().containsExactly("micro", "primary", "meta");
            JsonNode primary = connection.path("directors").path("primary");
            assertThat(primary.path("url").asText()).matches("https://127\\.\\d+\\.\\d+\\.\\d+:25555");
            assertThat(primary.path("client").asText()).isEqualTo("admin");
            assertThat(primary.path("client_secret").asText()).isEqualTo("primary-secret");
            assertThat(primary.path("deployed_by").asText()).isEqualTo("micro");
            assertThat(primary.path("auth").asText()).isEqualTo("uaa");
            assertThat(Files.readString(out.resolveSibling("ca.crt"))).isEqualTo(connection.path("ca_cert").asText());

            DirectorEndpoint fromFile = new DirectorEndpoint("primary", primary.path("name").asText(), primary.path("url").asText(),
                    primary.path("address").asText(), primary.path("port").asInt(), primary.path("auth").asText(),
                    primary.path("client").asText(), primary.path("client_secret").asText(), primary.path("ca_cert").asText(),
                    null, null);
            BoshHttp bosh = new BoshHttp(fromFile);
            bosh.login();
            assertThat(bosh.get("/info").json().path("user").asText()).isEqualTo("admin");
            assertThat(bosh.get("/info").json().path("uuid").asText()).isEqualTo(primary.path("uuid").asText());
        }
    }

    @Test
    void theBundledDefaultWorldParses() throws IOException {
        var spec = io.binarybosh.e2e.sim.world.WorldSpec.parse(
                new String(WorldLauncher.class.getResourceAsStream("/worlds/binary-bosh.yml").readAllBytes()));
        assertThat(spec.directors()).containsOnlyKeys("micro", "primary", "meta");
    }
}
