package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.operator.model.ApprovalMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meta deployed with a persistent disk smaller than the Micro's store: with sized disks, {@code df} on Meta's
 * {@code /var/vcap/store} reports that disk's size and free space, as on a real persistent disk, and the preflight
 * refuses ({@code MetaDiskTooSmall}) before anything is stopped, moved or copied.
 */
@ExtendWith(ProcessWorldLock.class)
class MetaDiskTooSmallTest extends OperatorWorldTest {

    private static final int META_DISK_MB = 8;

    @Test
    void aMetaDiskWithLessRoomThanTheMicrosStoreIsRefusedAndNothingIsStopped() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE.replace("mode: process", "mode: process\nsizedDisks: true")
                .replace("secret: meta-secret}", "secret: meta-secret, persistentDisk: " + META_DISK_MB + "}"), dir);
        var metaVm = world.processHostOf(world.directorVm("meta").orElseThrow().cid()).orElseThrow();
        String df = metaVm.inside(Duration.ofSeconds(20), "df", "-P", "-B1", "/var/vcap/store").output();
        long size = Long.parseLong(df.lines().reduce((a, b) -> b).orElseThrow().trim().split("\\s+")[1]);
        assertThat(size).as("df reports Meta's disk").isEqualTo(META_DISK_MB * 1024L * 1024L);
        // a blob in the Micro's blobstore makes its store bigger than Meta's whole disk
        Path blob = world.directorVm("micro").orElseThrow().diskPath().resolve("blobstore/store/4f/4f0e7c2a-blob");
        Files.createDirectories(blob.getParent());
        Files.write(blob, new byte[2 * META_DISK_MB * 1024 * 1024]);

        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, ApprovalMode.Automatic);
        operator.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> operator.is("Migrated", "False", "MetaDiskTooSmall")
                && !operator.events("MetaDiskTooSmall").isEmpty());
        assertThat(operator.is("Blocked", "True", "MetaDiskTooSmall")).isTrue();
        assertThat(operator.condition("Migrated").orElseThrow().getMessage())
                .contains("Meta's disk has", "free", "bigger persistent disk");
        assertThat(operator.pair().getStatus().getHistory()).anyMatch(r -> "Refused".equals(r.getResult()));
        for (String key : new String[] {"micro", "primary", "meta"}) {
            assertThat(world.runningDirector(key)).as(key + " still runs").isPresent();
        }
        assertThat(world.directorVm("meta").orElseThrow().diskPath().resolve("postgres-15/postmaster.pid"))
                .as("Meta's postgres still runs").exists();
        assertThat(operator.pair().getStatus().getMigration().getMetaStoreAside()).isNull();
        assertThat(operator.pair().getStatus().getMigration().getCopyAttempt()).isNull();
    }
}
