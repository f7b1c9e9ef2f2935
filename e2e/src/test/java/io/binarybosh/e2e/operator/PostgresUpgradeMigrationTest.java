package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Micro on the bosh release's deprecated postgres-13 job, Meta on the postgres job (postgres-15): the preflight
 * accepts it, and Meta starts on the copy because its postgres job's pre-start (run before monit, as the agent's
 * start does) upgrades postgres-13 to postgres-15 with pg_upgrade and removes postgres-13
 * (bosh jobs/postgres/templates/pre-start.erb). The Micro's copied data stays as it was, moved aside by the fence.
 */
@ExtendWith(ProcessWorldLock.class)
class PostgresUpgradeMigrationTest extends OperatorWorldTest {

    @Test
    void aPostgres13MicroIsMigratedOntoAPostgres15Meta() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
        world = World.start(WorldSpec.parse(ProcessWorlds.THREE.replace("secret: micro-secret}",
                "secret: micro-secret, postgresJob: postgres-13}")).withNetwork(TestWorlds.randomNetwork()), dir);
        Path microStore = world.directorVm("micro").orElseThrow().diskPath();
        assertThat(microStore.resolve("postgres-13/PG_VERSION")).hasContent("13");
        assertThat(microStore.resolve("postgres-15")).doesNotExist();
        String uuid = new BoshHttp(world.endpoint("micro")).login().path("uuid").asText();

        MigrationSetup.Run run = MigrationSetup.migrate(world, Duration.ofMinutes(6));

        assertThat(run.migration().getPostgresDirectory()).isEqualTo("postgres-13");
        Path metaStore = world.directorVm("meta").orElseThrow().diskPath();
        assertThat(metaStore.resolve("postgres-13")).as("pre-start removes the upgraded directory").doesNotExist();
        assertThat(metaStore.resolve("postgres-15/PG_VERSION")).hasContent("15");
        JsonNode upgraded = Json.JSON.readTree(metaStore.resolve("postgres-15/bosh.json").toFile());
        assertThat(upgraded.path("uuid").asText()).isEqualTo(uuid);
        // Meta's director runs on postgres-15: the Micro's uuid and deployments, and it recreated Primary
        BoshHttp meta = new BoshHttp(world.endpoint("meta"));
        assertThat(meta.login().path("uuid").asText()).isEqualTo(uuid);
        assertThat(meta.get("/deployments").names()).containsExactly("bosh-primary");
        assertThat(world.directorVm("primary").orElseThrow().agent().settings().mbusAddress())
                .isEqualTo(world.directorVm("meta").orElseThrow().address());
        // the Micro's data: still postgres-13, shut down cleanly, the same database, moved aside by the fence
        List<Path> aside;
        try (Stream<Path> s = Files.list(microStore)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith(".binarybosh-")).toList();
        }
        assertThat(aside).hasSize(1);
        Path microData = aside.get(0).resolve("postgres-13");
        assertThat(microData.resolve("PG_VERSION")).hasContent("13");
        assertThat(Files.readString(microData.resolve("global/pg_control"))).contains("|shut down");
        assertThat(Json.JSON.readTree(microData.resolve("bosh.json").toFile()).path("uuid").asText()).isEqualTo(uuid);
        assertThat(aside.get(0).resolve("postgres-15")).doesNotExist();
    }
}
