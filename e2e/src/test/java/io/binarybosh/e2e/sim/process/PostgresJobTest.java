package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres job on a director VM as the bosh release runs it: the director's database is up exactly while
 * monit's postgres runs (nothing depends on postgres in bosh's monit files). The postgres-13 upgrade by pre-start
 * is shown end to end by the operator's PostgresUpgradeMigrationTest.
 */
@ExtendWith(ProcessWorldLock.class)
class PostgresJobTest {
    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
    }

    @Test
    void monitStopPostgresTakesTheDatabaseDownWhileTheDirectorAnswersInfo() {
        try (World world = ProcessWorlds.start(ProcessWorlds.PAIR, dir)) {
            Shell primaryVm = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("person"));
            BoshHttp primary = new BoshHttp(world.endpoint("primary"));
            primary.login();
            assertThat(primary.get("/deployments").code()).isEqualTo(200);

            primaryVm.check(Person.MONIT + " stop postgres");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> primaryVm
                    .run(Person.MONIT + " summary").output().lines()
                    .anyMatch(l -> l.matches("Process 'postgres'\\s+not monitored\\s*")));
            // nothing depends on postgres in bosh's monit files: the director runs on, without its database
            assertThat(world.runningDirector("primary")).isPresent();
            assertThat(primary.get("/info").code()).isEqualTo(200);
            BoshHttp.Reply deployments = primary.get("/deployments");
            assertThat(deployments.code()).isEqualTo(500);
            assertThat(deployments.body()).isEmpty();

            primaryVm.check(Person.MONIT + " start postgres");
            Person.awaitAllRunning(primaryVm);
            await().atMost(Duration.ofSeconds(10)).until(() -> primary.get("/deployments").code() == 200);
        }
    }
}
