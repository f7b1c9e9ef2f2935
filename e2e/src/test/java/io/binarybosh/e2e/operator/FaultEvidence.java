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
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
}
