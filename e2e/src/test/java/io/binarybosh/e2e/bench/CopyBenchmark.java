package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.operator.MigrationSetup;
import io.binarybosh.e2e.sim.process.Command;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.process.Shell;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The migration's copy: the operator's copy and verification of a store of 1 GiB against plain {@code rsync -a}
 * over the same SSH link between two process-mode VMs (Micro's store pulled from Meta's VM, as in binary-bosh.md
 * step 5), as a ratio. Both run on the same world and store: first the plain rsync runs into a scratch folder,
 * then the operator's whole migration, of which the copy and its verification are timed.
 */
final class CopyBenchmark implements Benchmark {

    static final int BLOBS = 16;
    static final int BLOB_MIB = 64;
    static final int RUNS = 3;

    @Override
    public String id() {
        return "copy";
    }

    @Override
    public Section run(BenchOptions options, Path workDir) throws Exception {
        String missing = processModeMissing();
        if (missing != null) {
            return Section.notMeasured(id(), title(), "Not measured: the copies need process mode (" + missing + ").");
        }
        List<Double> seconds = new ArrayList<>();
        long bytes;
        MigrationSetup.Run migration;
        try (World world = ProcessWorlds.start(ProcessWorlds.THREE, workDir.resolve("world"))) {
            Path source = world.directorVm("micro").orElseThrow().diskPath();
            bytes = fill(source.resolve("blobstore/store"));
            SshEndpoint targetVm = world.ssh("meta").orElseThrow();
            Shell micro = Shell.to(world.ssh("micro").orElseThrow(), workDir.resolve("ssh"));
            Shell target = Shell.to(targetVm, workDir.resolve("ssh"));
            for (int i = 0; i < RUNS; i++) {
                double s = rsync(micro, target);
                long copied = size(targetVm.home().resolve("var/vcap/store-copy"));
                if (copied != size(source)) {
                    throw new IllegalStateException("rsync copied " + copied + " bytes of " + size(source));
                }
                seconds.add(s);
                Progress.say("copy: rsync -a run %d/%d: %.2f s (%.0f MiB/s)", i + 1, RUNS, s, (bytes >> 20) / s);
            }
            target.check("sudo -n rm -rf var/vcap/store-copy");
            // the operator as deployed (OperatorProcess: the chart's JVM options), beside this JVM's world; at debug,
            // so that operator-copy.log times each ssh login and command of the steps (one pair: a few hundred lines)
            migration = MigrationSetup.migrate(world, Duration.ofMinutes(10),
                    kubeconfig -> OperatorProcess.start(kubeconfig, workDir.resolve("operator-copy.log"), "debug"));
            if (!migration.migration().getSourceChecksum().equals(migration.migration().getTargetChecksum())) {
                throw new IllegalStateException("the operator's copy did not verify");
            }
            Progress.say("copy: the operator's copy and verification: %.2f s (copy %.2f s; attempts: %d)",
                    migration.copyAndVerify().toMillis() / 1000.0, migration.copy().toMillis() / 1000.0,
                    migration.migration().getCopyAttempt());
        }
        return section(bytes, seconds, migration);
    }

    private static String title() {
        return "Migration copy (1 GiB store): operator against rsync -a";
    }

    /** What process mode lacks here, or null: it runs sshd and monit per VM, as root. */
    private static String processModeMissing() {
        if (!Command.run(Duration.ofSeconds(5), "id", "-u").output().trim().equals("0")) {
            return "root";
        }
        for (String tool : List.of("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/rsync", "/usr/bin/monit", "/usr/bin/sudo")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " (bin/test installs it)";
            }
        }
        return null;
    }

    /** Random blobs, as a director's blobstore holds them: nothing for rsync or ssh to compress. */
    private static long fill(Path blobstore) throws IOException {
        Files.createDirectories(blobstore);
        SplittableRandom random = new SplittableRandom(42);
        byte[] mib = new byte[1 << 20];
        for (int blob = 0; blob < BLOBS; blob++) {
            try (OutputStream out = Files.newOutputStream(blobstore.resolve("bench-blob-" + blob))) {
                for (int i = 0; i < BLOB_MIB; i++) {
                    random.nextBytes(mib);
                    out.write(mib);
                }
            }
        }
        return (long) BLOBS * BLOB_MIB << 20;
    }

    /** Pulls Micro's store into a fresh folder on the target VM, timed on the VM (the outer ssh login left out). */
    private static double rsync(Shell micro, Shell target) {
        String ssh = String.join(" ", micro.sshCommand(target.host()));
        // as the operator's copy runs on stemcell VMs: root on the target through sudo, the jumpbox user on Micro
        // whose rsync runs through sudo
        String out = target.check("sudo -n rm -rf var/vcap/store-copy && s=$(date +%s%N) && sudo -n rsync -a "
                + "--rsync-path='sudo -n rsync' -e '" + ssh + "' jumpbox@" + micro.host()
                + ":/var/vcap/store/ var/vcap/store-copy/ && e=$(date +%s%N) && echo $((e - s))");
        String[] lines = out.trim().split("\n");
        return Long.parseLong(lines[lines.length - 1].trim()) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private Section section(long bytes, List<Double> seconds, MigrationSetup.Run migration) {
        Stats stats = Stats.of(seconds);
        double mib = bytes / (double) (1 << 20);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("storeBytes", bytes);
        figures.put("rsyncSeconds", stats);
        figures.put("rsyncRuns", seconds);
        double operator = migration.copyAndVerify().toMillis() / 1000.0;
        figures.put("operatorCopyAndVerifySeconds", operator);
        figures.put("operatorCopySeconds", migration.copy().toMillis() / 1000.0);
        figures.put("operatorVerifySeconds", (migration.copyAndVerify().toMillis() - migration.copy().toMillis()) / 1000.0);
        figures.put("operatorCopyAttempts", migration.migration().getCopyAttempt());
        // rsync's own figure for the transfer (its last --info=progress2 line): the copy's pace inside the step
        figures.put("operatorRsyncRate", migration.migration().getCopyRate());
        figures.put("operatorCopiedBytes", migration.migration().getCopiedBytes());
        figures.put("ratioOperatorToRsync", operator / stats.median());
        List<List<String>> rows = List.of(
                List.of("`rsync -a` over ssh, VM to VM", format(stats.median()), format(stats.max()),
                        String.format(Locale.ROOT, "%.0f", mib / stats.median()), String.valueOf(stats.count())),
                List.of("operator: copy and verify (migration steps CopyingStore and VerifyingCopy)",
                        format(operator), format(operator), String.format(Locale.ROOT, "%.0f", mib / operator), "1"),
                List.of("ratio operator / rsync (median)", String.format(Locale.ROOT, "%.2f", operator / stats.median()),
                        "", "", ""));
        return new Section(id(), title(), true, figures,
                new Section.Table(List.of("copy of " + Math.round(mib) + " MiB", "median s", "max s",
                        "MiB/s (median)", "runs"), rows),
                List.of("Two process-mode VMs (real sshd, rsync and ssh on 127.0.0.0/8 addresses): the target VM "
                                + "pulls Micro's `var/vcap/store/` (the director's store plus " + BLOBS + " random "
                                + "blobs of " + BLOB_MIB + " MiB) into a fresh folder, timed on the VM; each run's "
                                + "copy is checked to hold every byte. Runs after the first read the source from "
                                + "the page cache.",
                        "The operator's figure is its whole migration's copy and verification of the same store on the "
                                + "same VMs, by the operator in a JVM of its own with the chart's options, from the "
                                + "step CopyingStore appearing in status to StartingMeta: rsync "
                                + "(detached on Meta, with a key made for the copy) with the Micro's checksum listing "
                                + "made beside it, followed by looks that wait for its end; Meta's listing (b2sum of "
                                + "every file) made by the copy's job as soon as rsync ended, compared with the "
                                + "Micro's once Meta is proven stopped (the copy key removed from the Micro "
                                + "meanwhile); and the copy's files removed from both VMs."));
    }

    private static String format(double value) {
        return DetectionBenchmark.format(value);
    }
}
