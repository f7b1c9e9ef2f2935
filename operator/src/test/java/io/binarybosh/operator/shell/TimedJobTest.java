package io.binarybosh.operator.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.binarybosh.operator.shell.Scripts.alive;
import static io.binarybosh.operator.shell.Scripts.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checksum listings end by themselves and never run twice for one operation. A {@code b2sum} that hangs (as on a
 * disk that stopped answering) is put first on the PATH; it writes its pid so the test can see it gone.
 */
class TimedJobTest {

    @TempDir(factory = Scripts.UnderTarget.class)
    Path dir;

    private final VmCommands commands = new VmCommands(false);
    private Path store;
    private Map<String, String> hanging;

    @BeforeEach
    void world() throws Exception {
        store = dir.resolve("store");
        Files.createDirectories(store.resolve("director"));
        Files.writeString(store.resolve("director/file"), "data");
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(bin.resolve("b2sum"), "#!/bin/sh\necho $$ >> '" + dir.resolve("hung.pids") + "'\nsleep 120\n");
        assertThat(bin.resolve("b2sum").toFile().setExecutable(true)).isTrue();
        hanging = Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    private String work() {
        return dir.resolve("work/op1").toString();
    }

    private long hungPid() throws Exception {
        Path pids = dir.resolve("hung.pids");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
        return Long.parseLong(Files.readAllLines(pids).get(0).trim());
    }

    @Test
    void aListingPastItsLimitIsKilledWithEverythingItStarted() throws Exception {
        long started = System.nanoTime();
        Scripts.Run run = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 1), hanging);
        assertThat(run.exit()).as(run.out()).isEqualTo(124);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        long hung = hungPid();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(hung));
    }

    @Test
    void aNewListingKillsTheOneAnEarlierTryLeftRunning() throws Exception {
        ProcessBuilder first = new ProcessBuilder("/bin/sh", "-c", commands.checksum(work(), store.toString(),
                ChecksumTool.B2SUM, 600)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        first.environment().putAll(hanging);
        Process earlier = first.start();
        long hung = hungPid();

        Scripts.Run retry = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60));
        assertThat(retry.exit()).as(retry.out()).isZero();
        assertThat(retry.out().lines().toList()).hasSize(2).last().isEqualTo("1");
        assertThat(earlier.waitFor(10, TimeUnit.SECONDS)).as("the earlier listing is gone").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(hung));
    }

    @Test
    void aNewSourceListingKillsTheEarlierOneAndItsResultIsTheNewOnes() throws Exception {
        assertThat(sh(commands.startSourceChecksum(work(), store.toString(), ChecksumTool.B2SUM), hanging).exit()).isZero();
        long hung = hungPid();
        long leader = Long.parseLong(Files.readString(Path.of(work(), "source-sum.pid")).trim());
        assertThat(alive(leader)).isTrue();

        assertThat(sh(commands.startSourceChecksum(work(), store.toString(), ChecksumTool.B2SUM)).exit()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(hung) && !alive(leader));
        String listing = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60)).out().trim();
        assertThat(EarlyListing.parse(sh(commands.sourceChecksum(work(), store.toString(), 20)).out()).usable())
                .contains(listing);
    }

    @Test
    void aPidFileNamingAProcessNotOursKillsNothing() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(Path.of(work()));
            Files.setPosixFilePermissions(Path.of(work()), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(Path.of(work()).getParent(),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.writeString(Path.of(work(), "checksum.pid"), stranger.pid() + "\n");
            assertThat(sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60)).exit()).isZero();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }
}
