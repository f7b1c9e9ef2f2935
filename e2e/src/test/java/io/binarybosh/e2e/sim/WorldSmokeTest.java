package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldSmokeTest {
    @TempDir
    Path dir;

    @Test
    void threeDirectorsComeUpWithTheirDeployments() {
        try (World world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir)) {
            assertThat(world.endpoints()).containsOnlyKeys("micro", "primary", "meta");
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            assertThat(primary.login().path("name").asText()).isEqualTo("primary-bosh");
            assertThat(primary.get("/deployments").names()).contains("bosh-meta", "zookeeper");
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            micro.login();
            assertThat(micro.get("/deployments").names()).containsExactly("bosh-primary");
            BoshHttp meta = new BoshHttp(world.endpoint("meta"));
            assertThat(meta.login().path("user_authentication").path("type").asText()).isEqualTo("basic");
            assertThat(meta.get("/info").json().path("user").asText()).isEqualTo("admin");
            assertThat(world.connectionJson()).contains("\"meta\"", "BEGIN CERTIFICATE");
        }
    }
}
