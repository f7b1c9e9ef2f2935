package io.binarybosh.operator.operation.fence;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.operation.ShellAccess;
import io.binarybosh.operator.model.VmAccessSpec;
import io.binarybosh.operator.shell.CommandResult;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.VmCommands;

import java.time.Duration;
import java.util.Optional;

/**
 * The one fence of a Micro, for the migration and for a Micro found back holding a pair deployment: through its
 * jumpbox, with sudo, {@code monit stop all} (the root-only wrapper in /var/vcap/bosh/bin), and once monit reports
 * every process stopped, the store's contents moved into a folder inside it (the store is the persistent disk's
 * mount point: it cannot be renamed). Nothing is deleted; redone, an attempt finds its work done.
 */
public final class MicroFence {

    private static final Duration COMMAND = Duration.ofSeconds(60);

    private final ShellAccess shells;

    public MicroFence(ShellAccess shells) {
        this.shells = shells;
    }

    static VmCommands commands(BinaryBoshPair pair) {
        VmAccessSpec vm = pair.getSpec().getBootstrap() == null ? null : pair.getSpec().getBootstrap().getVmAccess();
        return new VmCommands(vm == null || !Boolean.FALSE.equals(vm.getSudo()));
    }

    static String store(BinaryBoshPair pair) {
        String path = pair.getSpec().getBootstrap().getMicro().getStorePath();
        return path == null ? "/var/vcap/store" : path;
    }

    /** The folder (inside the store) the fence of that operation moves the store's contents to. */
    public static String asideName(String stamp) {
        return VmCommands.ASIDE_PREFIX + "micro-fenced-" + stamp;
    }

    /**
     * One attempt: empty while monit still reports a process that is not stopped (monit acts on its own cycle), else
     * where the store's contents are now.
     */
    public Optional<String> attempt(BinaryBoshPair pair, String aside) {
        VmCommands commands = commands(pair);
        String store = store(pair);
        try (Shell shell = shells.micro(pair)) {
            expect(shell.run(commands.monitStopAll(), COMMAND), "monit stop all on the Micro");
            if (!MonitSummary.allStopped(expect(shell.run(commands.monitSummary(), COMMAND), "monit summary"))) {
                return Optional.empty();
            }
            String left = expect(shell.run(commands.moveContentsAside(store, aside), COMMAND),
                    "moving the Micro's store aside");
            if (!left.isBlank()) {
                throw new ShellException("after moving the Micro's store aside, " + left.trim() + " is still in it");
            }
        }
        return Optional.of(store + "/" + aside);
    }

    private static String expect(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new ShellException(what + " exited " + result.exitCode() + ": " + result.stderr().trim());
        }
        return result.stdout();
    }
}
