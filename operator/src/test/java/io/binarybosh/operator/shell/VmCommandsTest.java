package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration's commands, run for real by /bin/sh on folders made here. */
class VmCommandsTest {

    @TempDir(factory = Scripts.UnderTarget.class)
    Path dir;

    private final VmCommands commands = new VmCommands(false);

    private record Run(int exit, String out) {
    }

    private static Run sh(String command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The operation's working folder: checksums keep their pid there. */
    private String work() {
        return dir.resolve("work/op1").toString();
    }

    private Path store() throws IOException {
        Path store = dir.resolve("store");
        Files.createDirectories(store.resolve("postgres-15"));
        Files.writeString(store.resolve("postgres-15/PG_VERSION"), "15\n");
        Files.createDirectories(store.resolve("blobstore/store"));
        Files.writeString(store.resolve("blobstore/store/blob"), "data");
        Files.writeString(store.resolve(".hidden"), "x");
        return store;
    }

    @Test
    void movingAsideKeepsEverythingAndIsIdempotent() throws Exception {
        Path store = store();
        Run first = sh(commands.moveContentsAside(store.toString(), ".binarybosh-aside-1"), Map.of());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).isBlank();
        assertThat(store.resolve(".binarybosh-aside-1/postgres-15/PG_VERSION")).hasContent("15\n");
        assertThat(store.resolve(".binarybosh-aside-1/.hidden")).exists();
        try (var left = Files.list(store)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".binarybosh-aside-1");
        }
        Run again = sh(commands.moveContentsAside(store.toString(), ".binarybosh-aside-1"), Map.of());
        assertThat(again.exit()).isZero();
        assertThat(store.resolve(".binarybosh-aside-1/blobstore/store/blob")).hasContent("data");
    }

    @Test
    void theChecksumCoversContentsAndNamesButNotWhatWasMovedAside() throws Exception {
        Path store = store();
        String before = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out();
        assertThat(before.lines().toList()).hasSize(2);
        assertThat(before.lines().skip(1).findFirst().orElseThrow().trim()).isEqualTo("3");
        Files.createDirectories(store.resolve(".binarybosh-aside-x"));
        Files.writeString(store.resolve(".binarybosh-aside-x/other"), "y");
        assertThat(sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out()).isEqualTo(before);
        Files.writeString(store.resolve("blobstore/store/blob"), "dada");
        assertThat(sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out()).isNotEqualTo(before);
        Files.writeString(store.resolve("blobstore/store/blob"), "data");
        Files.createDirectories(store.resolve("director/tasks"));
        assertThat(sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out()).as("an empty folder counts")
                .isNotEqualTo(before);
    }

    @Test
    void bothToolsListTheSameFilesWithDifferentHashes() throws Exception {
        Path store = store();
        String b2 = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out();
        String sha = sh(commands.checksum(work(), store.toString(), ChecksumTool.SHA256SUM, 60), Map.of()).out();
        assertThat(b2.lines().skip(1).toList()).isEqualTo(sha.lines().skip(1).toList());
        assertThat(b2.lines().findFirst()).isNotEqualTo(sha.lines().findFirst());
    }

    @Test
    void theSourceListingMadeInTheBackgroundIsTheListingAndKnowsWhetherTheStoreChangedSince() throws Exception {
        Path store = store();
        String copyDir = dir.resolve("copy").toString();
        String listing = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out().trim();

        assertThat(sh(commands.startSourceChecksum(copyDir, store.toString(), ChecksumTool.B2SUM), Map.of()).exit())
                .isZero();
        EarlyListing unchanged = EarlyListing.parse(sh(commands.sourceChecksum(copyDir, store.toString(), 20),
                Map.of()).out());
        assertThat(unchanged.usable()).contains(listing);

        Files.writeString(store.resolve("blobstore/store/blob"), "dada");
        EarlyListing changed = EarlyListing.parse(sh(commands.sourceChecksum(copyDir, store.toString(), 20),
                Map.of()).out());
        assertThat(changed.current()).isFalse();
        assertThat(changed.usable()).isEmpty();

        assertThat(sh(commands.removeCopyFiles(copyDir), Map.of()).exit()).isZero();
        assertThat(dir.resolve("copy")).doesNotExist();
        assertThat(EarlyListing.parse(sh(commands.sourceChecksum(copyDir, store.toString(), 1), Map.of()).out())
                .usable()).isEmpty();
    }

    @Test
    void theListingHashedOnEveryCpuAfterTheCopyIsTheListingMadeBesideItAndLeavesNothingBehind() throws Exception {
        Path store = store();
        for (int i = 0; i < 300; i++) {
            Files.writeString(store.resolve("blobstore/store/blob-" + i), "content " + i);
        }
        Files.writeString(store.resolve("blobstore/store/name with  spaces"), "z");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String copyDir = dir.resolve("copy").toString();
        assertThat(sh(commands.startSourceChecksum(copyDir, store.toString(), ChecksumTool.B2SUM), Map.of()).exit())
                .isZero();
        String beside = EarlyListing.parse(sh(commands.sourceChecksum(copyDir, store.toString(), 20), Map.of())
                .out()).usable().orElseThrow();

        Run parallel = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60),
                Map.of("TMPDIR", tmp.toString()));

        assertThat(parallel.exit()).isZero();
        assertThat(parallel.out().trim()).isEqualTo(beside);
        assertThat(parallel.out().lines().skip(1).findFirst().orElseThrow().trim()).isEqualTo("304");
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the hash files are removed").isEmpty();
        }
        Files.writeString(store.resolve("blobstore/store/blob-150"), "changed");
        assertThat(sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of()).out().trim())
                .isNotEqualTo(beside);
    }

    @Test
    void aListingWithoutItsToolFailsInsteadOfListingNothing() throws Exception {
        Path store = store();
        Path bin = dir.resolve("bin-without-b2sum");
        Files.createDirectories(bin);
        try (var tools = Files.list(Path.of("/usr/bin"))) {
            for (Path tool : tools.filter(t -> !t.getFileName().toString().equals("b2sum")).toList()) {
                Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
            }
        }
        Run run = sh(commands.checksum(work(), store.toString(), ChecksumTool.B2SUM, 60), Map.of("PATH", bin.toString()));
        assertThat(run.exit()).as(run.out()).isEqualTo(127);
    }

    @Test
    void theCopyStateIsReadAsSoonAsTheCopyEnds() throws Exception {
        String copyDir = dir.resolve("copy").toString();
        Files.createDirectories(dir.resolve("copy"));
        Process running = new ProcessBuilder("/bin/sh", "-c", "sleep 0.5; echo 0 > '" + copyDir + "/attempt-1.exit'")
                .start();
        Files.writeString(dir.resolve("copy/attempt-1.pid"), running.pid() + "\n");

        RsyncProgress progress = look(copyDir, 1).progress();

        assertThat(progress.succeeded()).isTrue();
        assertThat(look(copyDir, 2).progress().notStarted()).as("an attempt never started is not waited for").isTrue();
    }

    @Test
    void aPidFileThatARebootLeftNamingAnotherProcessIsACopyGoneAndThatProcessIsLeftAlone() throws Exception {
        // the working folder is on the ephemeral disk, which a reboot keeps; the pid numbers start over
        String copyDir = dir.resolve("copy").toString();
        Files.createDirectories(dir.resolve("copy"));
        Files.writeString(dir.resolve("copy/attempt-1.log"), "  1,000  1%  1.00MB/s  0:00:01\n");
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(dir.resolve("copy/attempt-1.pid"), other.pid() + "\n");
            long started = System.nanoTime();
            RsyncProgress progress = look(copyDir, 1).progress();
            assertThat(progress.process()).isEqualTo("dead");
            assertThat(progress.failed()).as("a copy whose process is gone without an exit code failed").isTrue();
            assertThat(System.nanoTime() - started).as("not waited for").isLessThan(10_000_000_000L);

            assertThat(sh(commands.stopRsync(copyDir, 1), Map.of()).exit()).isZero();
            assertThat(other.waitFor(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("not killed").isFalse();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void postgresStateListsEachDataDirectoryWithItsPidFileAndWhatPgControldataSays() throws Exception {
        Path store = store();
        Files.createDirectories(store.resolve("postgres-13"));
        // the postgres job's pre-start leaves this on every director's store: no data directory
        Files.createDirectories(store.resolve("postgres-previous-glibc-tracking"));
        Files.writeString(store.resolve("postgres-previous-glibc-tracking/previous-glibc-version.txt"), "2.39\n");
        Files.writeString(store.resolve("postgres-15/postmaster.pid"), "2\n/var/vcap/store/postgres-15\n");
        // no postgres package here: pg_controldata cannot say, and an unknown state is not a clean shutdown
        PostgresState state = PostgresState.parse(sh(commands.postgresState(store.toString()), Map.of()).out());
        assertThat(state.directories()).containsExactly(
                new PostgresState.DataDirectory("postgres-13", false, false, PostgresState.UNKNOWN),
                new PostgresState.DataDirectory("postgres-15", true, true, PostgresState.UNKNOWN));
        assertThat(state.current().orElseThrow().name()).isEqualTo("postgres-15");
        assertThat(state.notShutDown()).extracting(PostgresState.DataDirectory::name).containsExactly("postgres-15");
    }

    /** A look at attempt N of the copy in {@code copyDir} (waiting up to 20 s), with a stand-in monit. */
    private CopyLook look(String copyDir, int attempt) throws Exception {
        return look(copyDir, attempt, 20);
    }

    private CopyLook look(String copyDir, int attempt, int waitSeconds) throws Exception {
        Run run = sh(commands.copyLook(copyDir, attempt, waitSeconds, store().toString(), "/var/vcap/store/"),
                Scripts.fakeMonit(dir));
        assertThat(run.exit()).as(run.out()).isZero();
        return CopyLook.parse(run.out());
    }

    @Test
    void aLookBeforeAStartStopsMetaFirstAndProbesWhileALookAtARunningCopyOnlyReports() throws Exception {
        String copyDir = dir.resolve("copy").toString();
        Files.createDirectories(dir.resolve("copy"));
        Path calls = dir.resolve("monit-calls");

        CopyLook before = look(copyDir, 1);
        assertThat(before.progress().notStarted()).isTrue();
        assertThat(Files.readAllLines(calls)).containsExactly("stop all", "summary");
        assertThat(MonitSummary.allStopped(before.report().substring(0, before.report().indexOf(VmCommands.PART))))
                .isTrue();
        assertThat(PostgresState.parse(before.report().substring(before.report().indexOf(VmCommands.PART)
                + VmCommands.PART.length() + 1)).directories()).extracting(PostgresState.DataDirectory::name)
                .containsExactly("postgres-15");
        assertThat(RsyncServerCommand.parse(before.probe().orElseThrow()).forcedCommand())
                .contains("rsync --server --sender");

        // the job's command line names its exit file: a copy that runs
        Process job = new ProcessBuilder("/bin/sh", "-c", "sleep 60; echo 0 > '" + copyDir + "/attempt-1.exit'").start();
        try {
            Files.writeString(dir.resolve("copy/attempt-1.pid"), job.pid() + "\n");
            Files.delete(calls);
            CopyLook during = look(copyDir, 1, 0);
            assertThat(during.progress().process()).isEqualTo("alive");
            assertThat(Files.readAllLines(calls)).as("nothing stopped").containsExactly("summary");
            assertThat(during.probe()).isEmpty();
        } finally {
            job.destroyForcibly();
        }
    }

    @Test
    void stopAndReportStopsThenPrintsTheSummaryAndThePostgresStateApartAndStopsAtAFailingPart() throws Exception {
        Path store = store();
        Path calls = dir.resolve("monit-calls");
        Map<String, String> env = Scripts.fakeMonit(dir);

        Run run = sh(commands.stopAndReport(store.toString()), env);
        assertThat(run.exit()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("stop all", "summary");
        String[] parts = run.out().split(VmCommands.PART + "\n", -1);
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).isEqualTo("Process 'director'  not monitored\n");
        assertThat(PostgresState.parse(parts[1]).directories()).extracting(PostgresState.DataDirectory::name)
                .containsExactly("postgres-15");

        Files.writeString(dir.resolve("monit-fails"), "");
        Files.delete(calls);
        assertThat(sh(commands.stopAndReport(store.toString()), env).exit()).isEqualTo(1);
        assertThat(Files.readAllLines(calls)).as("nothing after the failed stop").containsExactly("stop all");
    }

    @Test
    void usedAndFreeBytesAreNumbers() throws Exception {
        Path store = store();
        Files.createDirectories(store.resolve(".binarybosh-aside-x"));
        Files.write(store.resolve(".binarybosh-aside-x/big"), new byte[1 << 20]);
        long used = Long.parseLong(sh(commands.usedBytes(store.toString()), Map.of()).out().trim());
        assertThat(used).as("what was moved aside is not counted").isPositive().isLessThan(1 << 20);
        assertThat(Long.parseLong(sh(commands.freeBytes(store.toString()), Map.of()).out().trim())).isPositive();
    }

    @Test
    void theClusterStateDecidesNotThePidInPostmasterPid() {
        // bpm: postmaster.pid says 2, a PID of postgres' own namespace; /proc/2 exists on every VM (kthreadd)
        PostgresState killed = PostgresState.parse("postgres-15|data|pidfile|in production\n");
        assertThat(killed.notShutDown()).hasSize(1);
        PostgresState clean = PostgresState.parse("postgres-15|data|none|shut down\npostgres-13|empty|none|\n");
        assertThat(clean.notShutDown()).isEmpty();
        assertThat(clean.current().orElseThrow().name()).isEqualTo("postgres-15");
        assertThat(PostgresState.parse("postgres-15|data|none|shut down in recovery").notShutDown()).isEmpty();
        assertThat(PostgresState.parse("postgres-13|data|none|shut down\npostgres-16|data|none|shut down").current()
                .orElseThrow().name()).isEqualTo("postgres-16");
    }

    @Test
    void metaStartsOnTheSameMajorOrUpgradesThirteenToFifteen() {
        assertThat(PostgresState.startsOn("postgres-15", java.util.List.of("postgres-15"))).isTrue();
        assertThat(PostgresState.startsOn("postgres-13", java.util.List.of("postgres-15"))).isTrue();
        assertThat(PostgresState.startsOn("postgres-15", java.util.List.of("postgres-13"))).isFalse();
        assertThat(PostgresState.startsOn("postgres-10", java.util.List.of("postgres-15"))).isFalse();
    }

    @Test
    void stoppingACopyStopsRsyncAndItsSshNotOnlyTheShellWaitingForThem() throws Exception {
        Path hangingSsh = dir.resolve("hanging-ssh");
        Files.writeString(hangingSsh, "#!/bin/sh\necho $$ > '" + dir.resolve("ssh.pid") + "'\nexec sleep 120\n");
        assertThat(hangingSsh.toFile().setExecutable(true)).isTrue();
        String copyDir = dir.resolve("work/op1").toString();
        assertThat(sh(commands.startRsync(copyDir, 1, false, hangingSsh.toString(), "micro:/var/vcap/store/",
                dir.resolve("target").toString(), ChecksumTool.B2SUM), Map.of()).exit()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> Files.exists(dir.resolve("ssh.pid")) && !Files.readString(dir.resolve("ssh.pid")).isBlank());
        long ssh = Long.parseLong(Files.readString(dir.resolve("ssh.pid")).trim());
        assertThat(look(copyDir, 1).progress().process()).isEqualTo("alive");

        assertThat(sh(commands.stopRsync(copyDir, 1), Map.of()).exit()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !Scripts.alive(ssh));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                look(copyDir, 1).progress().failed());
    }

    @Test
    void aCopyMadeByTheJobIsListedAsItsSourceAndItsWorkingFilesAllGo() throws Exception {
        Path source = store();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 3; i++) {
            byte[] blob = new byte[(ListingScripts.LARGE_FILE_MIB + 1) * 1024 * 1024];
            random.nextBytes(blob);
            Files.write(source.resolve("blobstore/store/large-" + i), blob);
        }
        // the remote shell runs rsync's server here: its first argument is the host
        Path localSsh = dir.resolve("local-ssh");
        Files.writeString(localSsh, "#!/bin/sh\nshift\nexec \"$@\"\n");
        assertThat(localSsh.toFile().setExecutable(true)).isTrue();
        String copyDir = dir.resolve("work/op1").toString();
        Path target = Files.createDirectories(dir.resolve("target"));
        assertThat(sh(commands.startRsync(copyDir, 1, false, localSsh.toString(), "micro:" + source + "/",
                target.toString(), ChecksumTool.B2SUM), Map.of()).exit()).isZero();

        String listing = EarlyListing.parse(sh(commands.targetChecksum(copyDir, 1, target.toString(), 25), Map.of())
                .out()).usable().orElseThrow();

        assertThat(look(copyDir, 1).progress().succeeded()).isTrue();
        assertThat(listing).isEqualTo(sh(commands.checksum(work(), source.toString(), ChecksumTool.B2SUM, 60),
                Map.of()).out().trim());
        Run removed = sh(commands.removeCopyFiles(copyDir), Map.of());
        assertThat(removed.exit()).as(removed.out()).isZero();
        assertThat(dir.resolve("work/op1")).doesNotExist();
    }

    @Test
    void theCopysSshGivesUpOnADeadConnectionAndReadsNoConfig() {
        String ssh = VmCommands.copySshCommand("/var/vcap/data/binarybosh/op1", 2222, "10.0.0.6");
        assertThat(ssh).startsWith("ssh -F /dev/null -i /var/vcap/data/binarybosh/op1/key -p 2222 ")
                .contains("-o UserKnownHostsFile=/var/vcap/data/binarybosh/op1/known_hosts", "-o BindAddress=10.0.0.6",
                        "-o StrictHostKeyChecking=yes", "-o BatchMode=yes", "-o ConnectTimeout=20",
                        "-o ServerAliveInterval=15", "-o ServerAliveCountMax=4");
        assertThat(commands.startRsync("/d/op1", 1, false, ssh, "u@h:/s/", "/t", ChecksumTool.B2SUM)).contains("--timeout=600");
    }

    @Test
    void rsyncProgressIsReadFromItsLastProgressLine() {
        RsyncProgress running = RsyncProgress.parse("-\nalive\n    524,288,000  48%  100.00MB/s    0:00:05 (xfr#3, to-chk=2/10)\n");
        assertThat(running.exitCode()).isNull();
        assertThat(running.failed()).isFalse();
        assertThat(running.bytes()).isEqualTo(524_288_000L);
        assertThat(running.files()).isEqualTo(3L);
        assertThat(running.rate()).isEqualTo("100.00MB/s");
        assertThat(RsyncProgress.parse("0\ndead\n  1,024 100%  1.00kB/s 0:00:00 (xfr#1, to-chk=0/3)\n").succeeded())
                .isTrue();
        assertThat(RsyncProgress.parse("-\ndead\n").failed()).as("killed without an exit code").isTrue();
        assertThat(RsyncProgress.parse("23\ndead\nrsync error: some files could not be transferred\n").failed())
                .isTrue();
        assertThat(RsyncProgress.parse("-\nnone\n").notStarted()).isTrue();
    }

    @Test
    void withSudoEveryPrivilegedCommandRunsAsRootWithoutAPrompt() {
        // bosh director starter.rb: the agent runs every job's pre-start before its start (monit start all)
        assertThat(new VmCommands(true).startJobs()).contains("/var/vcap/jobs/*/bin/pre-start")
                .contains("monit summary | grep -qiE").endsWith("; monit start all'");
        assertThat(new VmCommands(true).monitStopAll()).isEqualTo("sudo -n sh -c 'PATH=/var/vcap/bosh/bin:$PATH; monit stop all'");
        assertThat(new VmCommands(false).monitStopAll()).isEqualTo("sh -c 'PATH=/var/vcap/bosh/bin:$PATH; monit stop all'");
        assertThat(VmCommands.quote("it's")).isEqualTo("'it'\\''s'");
    }
}
