package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.SshHost;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the fault matrix's rows prove with that nothing was lost and nothing done twice: store fingerprints, the
 * directors' request logs, the VMs' ssh command logs and the pair's history.
 */
record FaultEvidence(World world, OperatorUnderTest api) {

    /** {@link StoreFingerprint} without the resurrection flag, which a migration rightly changes. */
    static String fingerprint(Path store) {
        return StoreFingerprint.of(store).replaceAll("\"resurrectionPaused\":(true|false),?", "");
    }

    /** The folders the operator moved aside into {@code store}. */
    static List<String> asides(Path store) throws IOException {
        try (Stream<Path> entries = Files.list(store)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".binarybosh-")).toList();
        }
    }

    /** The one entry of {@code parent} whose name starts with {@code prefix}. */
    static Path single(Path parent, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> found = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(prefix + " in " + parent).hasSize(1);
            return found.get(0);
        }
    }

    static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }

    /** The requests director {@code key} received with this method and path. */
    List<RecordedRequest> requests(String key, String method, String path) {
        return world.requests(key).stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** The PUTs of {@code /resurrection} that paused ({@code true}) or unpaused director {@code key}. */
    List<RecordedRequest> resurrection(String key, boolean paused) {
        return requests(key, "PUT", "/resurrection").stream()
                .filter(r -> r.jsonBody().contains(String.valueOf(paused))).toList();
    }

    /** Every command run over ssh on the VM, each line led by its time in epoch milliseconds. */
    List<String> commands(Vm vm) {
        return world.processHostOf(vm.cid()).map(SshHost::commandLog).orElseThrow();
    }

    /** When a line of {@link #commands} ran. */
    static Instant at(String commandLine) {
        return Instant.ofEpochMilli(Long.parseLong(commandLine.substring(0, commandLine.indexOf(' '))));
    }

    Instant firstCommand(Vm vm, String quoted) {
        return commands(vm).stream().filter(c -> c.contains(quoted)).findFirst().map(FaultEvidence::at)
                .orElseThrow(() -> new AssertionError("no command with " + quoted + " on " + vm.cid()));
    }

    /** The operation of {@code type} is in the history: it ended. */
    boolean finished(String type) {
        BinaryBoshPair pair = api.pair();
        return pair != null && pair.getStatus() != null && pair.getStatus().getHistory().stream()
                .anyMatch(r -> type.equals(r.getType()));
    }

    /** The latest record of an operation of {@code type}. */
    OperationRecord record(String type) {
        return api.pair().getStatus().getHistory().stream().filter(r -> type.equals(r.getType())).findFirst()
                .orElseThrow();
    }

    /** The migration's step log with any redo cycles of the copy folded into one: each step must appear once. */
    static List<String> stepsOnce(MigrationStatus migration) {
        List<String> steps = migration.getSteps().stream().map(s -> s.getStep()).toList();
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i)).as("no step logged twice in a row: " + steps).isNotEqualTo(steps.get(i - 1));
        }
        return List.of(String.join(",", steps).replaceAll("(CopyingStore,VerifyingCopy,)+",
                "CopyingStore,VerifyingCopy,").split(","));
    }

    /** The three directors' stores and Primary's VM before a migration, to hold against what an abort leaves. */
    record Before(String micro, String meta, String primary, String primaryCid) {
    }

    Before before() {
        return new Before(StoreFingerprint.of(vm("micro").diskPath()), StoreFingerprint.of(vm("meta").diskPath()),
                StoreFingerprint.of(vm("primary").diskPath()), vm("primary").cid());
    }

    /**
     * What an abort before the fence leaves, however it was asked for: the three directors running (waited for up
     * to {@code wait}); every store as before (Meta's own back in place, resurrection flags included); the copy kept
     * aside whole with nothing aside within it; nothing recreated or scanned; each director paused once and
     * unpaused last; rsync started once, no second attempt. Returns Meta's ssh command log for the caller's checks.
     */
    List<String> abortedAsBefore(Before before, Duration wait) throws IOException {
        await("the three directors running").atMost(wait).until(() -> world.runningDirector("micro").isPresent()
                && world.runningDirector("meta").isPresent() && world.runningDirector("primary").isPresent());
        Path meta = vm("meta").diskPath();
        Path micro = vm("micro").diskPath();
        assertThat(StoreFingerprint.of(meta)).as("Meta's own store back in place").isEqualTo(before.meta());
        assertThat(StoreFingerprint.of(micro)).as("the Micro's untouched").isEqualTo(before.micro());
        assertThat(StoreFingerprint.of(vm("primary").diskPath())).isEqualTo(before.primary());
        Path copy = single(meta, ".binarybosh-aborted-copy-");
        assertThat(fingerprint(copy)).as("what was copied, kept aside").isEqualTo(fingerprint(micro));
        assertThat(asides(copy)).as("nothing moved aside twice").isEmpty();
        assertThat(asides(meta)).as("Meta's own store no longer aside").hasSize(1);
        assertThat(vm("primary").cid()).as("nothing recreated").isEqualTo(before.primaryCid());
        for (String key : List.of("micro", "primary", "meta")) {
            List<RecordedRequest> puts = requests(key, "PUT", "/resurrection");
            assertThat(resurrection(key, true)).as(key + " paused once").hasSize(1);
            assertThat(puts.get(puts.size() - 1).jsonBody()).as(key + " unpaused at the end").contains("false");
        }
        assertThat(requests("meta", "POST", "/deployments/bosh-primary/scans")).as("no scan").isEmpty();
        List<String> metaCommands = commands(vm("meta"));
        assertThat(metaCommands).filteredOn(c -> c.contains("nohup") && c.contains("/attempt-1.pid"))
                .as("rsync started once").hasSize(1);
        assertThat(metaCommands).noneMatch(c -> c.contains("/attempt-2."));
        return metaCommands;
    }

    /** Meta's restores of its own store in {@link #abortedAsBefore}'s command log. */
    static List<String> restores(List<String> metaCommands) {
        return metaCommands.stream().filter(c -> c.contains("meta-before-migration-") && c.contains("aborted-copy-"))
                .toList();
    }

    private Vm vm(String director) {
        return world.directorVm(director).orElseThrow();
    }
}
