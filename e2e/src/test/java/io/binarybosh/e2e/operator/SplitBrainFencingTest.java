package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retired Micro restarted after the migration answers with Primary's deployment: the operator sees split brain
 * within a poll, stops every action, and fences the Micro over real ssh: monit stops its processes, its store is
 * moved aside, so that it comes back empty.
 */
class SplitBrainFencingTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);


    @Test
    void aRestartedMicroIsDetectedAndFenced() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = World.start(WorldSpec.parse(TestWorlds.THREE_DIRECTORS.replace("timeScale: 0.01",
                "timeScale: 0.02\nmode: process")).withNetwork(TestWorlds.randomNetwork()), dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, io.binarybosh.operator.model.ApprovalMode.Automatic);
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        Path store = ssh.home().resolve("var/vcap/store");
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));
        assertThat(operator.is("SplitBrain", "False")).isTrue();

        world.faults().startJobs(world.directorVm("micro").orElseThrow().cid());
        await().atMost(LONG).until(() -> operator.pair().getStatus().getHistory().stream()
                .anyMatch(r -> "FenceMicro".equals(r.getType())));
        OperationRecord fence = operator.pair().getStatus().getHistory().get(0);
        assertThat(fence.getResult()).as(fence.getMessage()).isEqualTo("Succeeded");
        assertThat(operator.events("DeploymentOnTwoDirectors")).isNotEmpty();
        operator.expectEvents("FencingMicro", 1);
        operator.expectEvents("MicroFenced", 1);
        assertThat(world.runningDirector("micro")).as("monit stopped the Micro's director").isEmpty();
        try (Stream<Path> entries = Files.list(store)) {
            assertThat(entries).as("a restart finds an empty store").isEmpty();
        }
        List<Path> aside;
        try (Stream<Path> siblings = Files.list(store.getParent())) {
            aside = siblings.filter(p -> p.getFileName().toString().startsWith("store.fenced-")).toList();
        }
        assertThat(aside).singleElement().satisfies(p ->
                assertThat(p.resolve("postgres-15")).as("moved, not deleted").exists());
        await().atMost(LONG).until(() -> operator.is("SplitBrain", "False") && operator.is("Ready", "True"));
    }
}
