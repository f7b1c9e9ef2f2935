package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.process.SshHost;
import io.binarybosh.e2e.sim.world.World;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault matrix's rows read to prove nothing lost (store fingerprints, what was moved aside) and nothing
 * done twice (the directors' request logs, the VMs' ssh command logs).
 */
final class FaultMatrixEvidence {

    private FaultMatrixEvidence() {
    }

    /** {@link StoreFingerprint} without the resurrection flag, which the migration rightly changes. */
    static String fingerprint(Path store) {
        return StoreFingerprint.of(store).replaceAll("\"resurrectionPaused\":(true|false),?", "");
    }

    /** The one entry of {@code parent} whose name starts with {@code prefix}. */
    static Path single(Path parent, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            List<Path> found = entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(found).as(prefix + " in " + parent).hasSize(1);
            return found.get(0);
        }
    }

    /** What was moved aside in {@code store} (names with the operator's aside prefix). */
    static List<String> asides(Path store) throws IOException {
        try (Stream<Path> entries = Files.list(store)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".binarybosh-")).toList();
        }
    }

    static List<RecordedRequest> requests(World world, String key, String method, String path) {
        return world.requests(key).stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Every command run over ssh on the VM, one line each: time in ms, user, the command as bash quotes it. */
    static List<String> commands(World world, Vm vm) {
        return world.processHostOf(vm.cid()).map(SshHost::commandLog).orElseThrow();
    }

    static Instant at(String commandLine) {
        return Instant.ofEpochMilli(Long.parseLong(commandLine.substring(0, commandLine.indexOf(' '))));
    }

    static Instant firstCommand(World world, Vm vm, String quoted) {
        return commands(world, vm).stream().filter(c -> c.contains(quoted)).findFirst().map(FaultMatrixEvidence::at)
                .orElseThrow(() -> new AssertionError("no command with " + quoted + " on " + vm.cid()));
    }
}
