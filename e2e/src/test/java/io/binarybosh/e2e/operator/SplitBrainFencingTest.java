package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.operator.model.OperationRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
@ExtendWith(ProcessWorldLock.class)
class SplitBrainFencingTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);


    @Test
    // a world in process mode brought to mutual management by hand, then two fences: above the 120 s default
    @org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aRestartedMicroIsDetectedAndFenced() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, io.binarybosh.operator.model.ApprovalMode.Automatic);
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        Path store = ssh.home().resolve("var/vcap/store");
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));
        assertThat(operator.is("SplitBrain", "False")).isTrue();

        // first without sudo for the jumpbox user: the fence fails, says so, and is tried again later
        String microCid = world.directorVm("micro").orElseThrow().cid();
        var microHost = world.processHostOf(microCid).orElseThrow();
        assertThat(microHost.inside(Duration.ofSeconds(20), "gpasswd", "-d", "jumpbox", "bosh_sudoers").ok()).isTrue();
        world.faults().startJobs(microCid);
        await().atMost(LONG).until(() -> !operator.events("MicroFenceFailed").isEmpty());
        OperationRecord failed = operator.pair().getStatus().getHistory().get(0);
        assertThat(failed.getType()).isEqualTo("FenceMicro");
        assertThat(failed.getResult()).isEqualTo("Failed");
        assertThat(failed.getMessage()).contains("sudo");
        assertThat(world.runningDirector("micro")).as("nothing was stopped without sudo").isPresent();
        assertThat(microHost.inside(Duration.ofSeconds(20), "gpasswd", "-a", "jumpbox", "bosh_sudoers").ok()).isTrue();

        await().atMost(LONG).until(() -> operator.pair().getStatus().getHistory().stream()
                .anyMatch(r -> "FenceMicro".equals(r.getType()) && "Succeeded".equals(r.getResult())));
        OperationRecord fence = operator.pair().getStatus().getHistory().get(0);
        assertThat(fence.getResult()).as(fence.getMessage()).isEqualTo("Succeeded");
        assertThat(operator.events("DeploymentOnTwoDirectors")).isNotEmpty();
        assertThat(operator.events("FencingMicro")).hasSizeGreaterThanOrEqualTo(2);
        operator.expectEvents("MicroFenced", 1);
        assertThat(world.runningDirector("micro")).as("monit stopped the Micro's director").isEmpty();
        // the store is the disk's mount point: its contents were moved into a folder inside it, with sudo
        List<Path> entries;
        try (Stream<Path> list = Files.list(store)) {
            entries = list.toList();
        }
        assertThat(entries).as("a restart finds an empty store, but for what was moved aside").singleElement()
                .satisfies(p -> {
                    assertThat(p.getFileName().toString()).startsWith(".binarybosh-micro-fenced-");
                    assertThat(p.resolve("postgres-15")).as("moved, not deleted").exists();
                });
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("the store is still the disk's mount point")
                .contains(store.toString());
        await().atMost(LONG).until(() -> operator.is("SplitBrain", "False") && operator.is("Ready", "True"));
    }
}
