package io.binarybosh.e2e.sim.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres job on a director VM as the bosh release runs it: the director's database is up exactly while
 * monit's postgres runs, a postgres-13 Micro keeps its data in postgres-13, and postgres-15's pre-start (only when
 * the agent runs it, never on a monit start) upgrades a postgres-13 directory and removes it.
 */
class PostgresJobTest {
    private static final String PAIR_13 = ProcessWorlds.PAIR.replace("secret: micro-secret}",
            "secret: micro-secret, postgresJob: postgres-13}");

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

    @Test
    void aPostgres13StoreIsUpgradedByPreStartOnlyAndKeepsItsData() throws Exception {
        try (World world = ProcessWorlds.start(PAIR_13, dir)) {
            Path microStore = world.directorVm("micro").orElseThrow().diskPath();
            Path primaryStore = world.directorVm("primary").orElseThrow().diskPath();
            assertThat(microStore.resolve("postgres-13/PG_VERSION")).hasContent("13");
            assertThat(microStore.resolve("postgres-13/bosh.json")).exists();
            assertThat(microStore.resolve("postgres-15")).doesNotExist();
            assertThat(primaryStore.resolve("postgres-15/bosh.json")).exists();
            assertThat(primaryStore.resolve("postgres-previous-glibc-tracking/previous-glibc-version.txt")).exists();
            BoshHttp micro = new BoshHttp(world.endpoint("micro"));
            String uuid = micro.login().path("uuid").asText();
            assertThat(micro.get("/deployments").names()).contains("bosh-primary");

            // Primary's store replaced by the Micro's postgres-13 data, as a migration's copy leaves it
            Shell primaryVm = Shell.to(world.ssh("primary").orElseThrow(), dir.resolve("person"));
            Shell microVm = Shell.to(world.ssh("micro").orElseThrow(), dir.resolve("person"));
            microVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(microVm);
            primaryVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(primaryVm);
            primaryVm.check("sudo -n sh -c 'cd /var/vcap/store && mkdir .aside && mv postgres-15 blobstore director "
                    + "postgres-previous-glibc-tracking .aside/'");
            copy(microStore, primaryStore);
            String copied = Files.readString(primaryStore.resolve("postgres-13/bosh.json"));

            // monit alone runs no pre-start: there is no postgres-15 cluster, and postgres does not start
            Command.Result started = primaryVm.run(Person.MONIT + " start postgres; sleep 3; "
                    + Person.MONIT + " summary");
            assertThat(started.output()).doesNotContainPattern("Process 'postgres'\\s+running");
            assertThat(primaryStore.resolve("postgres-15/PG_VERSION")).doesNotExist();
            assertThat(primaryStore.resolve("postgres-13")).isDirectory();
            primaryVm.check(Person.MONIT + " stop all");
            Person.awaitAllStopped(primaryVm);

            // the agent's start: pre-start, then monit
            String preStart = primaryVm.check("sudo -n /var/vcap/jobs/postgres/bin/pre-start");
            assertThat(preStart).contains("copying contents of postgres-13 to postgres-15", "successfully upgraded");
            assertThat(primaryStore.resolve("postgres-13")).doesNotExist();
            assertThat(primaryStore.resolve("postgres-15/PG_VERSION")).hasContent("15");
            assertThat(Files.readString(primaryStore.resolve("postgres-15/bosh.json"))).isEqualTo(copied);
            primaryVm.check(Person.MONIT + " start all");
            awaitAllRunning(world, primaryVm);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BoshHttp again = new BoshHttp(world.endpoint("primary"));
                try {
                    return again.login().path("uuid").asText().equals(uuid)
                            && again.get("/deployments").code() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            assertThat(microStore.resolve("postgres-13/bosh.json")).as("the source untouched").exists();
        }
    }

    /** Every process running, or a failure that shows monit's summary and the VM's logs. */
    private static void awaitAllRunning(World world, Shell vm) throws Exception {
        try {
            Person.awaitAllRunning(vm);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            HostDir dir = world.processHostOf(world.directorVm("primary").orElseThrow().cid()).orElseThrow().dir();
            StringBuilder logs = new StringBuilder(vm.run(Person.MONIT + " summary").output());
            try (var files = Files.list(dir.log())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String text = Files.readString(f);
                    logs.append("\n== ").append(f.getFileName()).append("\n")
                            .append(text.substring(Math.max(0, text.length() - 3000)));
                }
            }
            throw new AssertionError("not every process runs:\n" + logs, e);
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
