package io.binarybosh.operator.act;

import io.binarybosh.operator.decide.OperationTypes;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.shell.CommandResult;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fences a Micro that came back holding a pair deployment: {@code monit stop all} until {@code monit summary}
 * shows every process stopped, then its store moved aside (never deleted) so that a restart finds an empty
 * director. Each step is idempotent: redone after a crash, it finds its work done.
 */
final class MicroFencer {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ShellAccess shells;

    MicroFencer(ShellAccess shells) {
        this.shells = shells;
    }

    /** The name the store is moved to: fixed by the operation, so a redo finds it. */
    static String asidePath(MicroDirectorSpec micro, OperationStatus operation) {
        return micro.getStorePath() + ".fenced-" + STAMP.format(Instant.parse(operation.getStartedTime()));
    }

    /** Stops every process; true once monit reports them all stopped. */
    boolean stopProcesses(BinaryBoshPair pair) {
        try (Shell shell = shells.micro(pair)) {
            expect(shell.run("monit stop all", COMMAND_TIMEOUT), "monit stop all");
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                CommandResult summary = shell.run("monit summary", COMMAND_TIMEOUT);
                if (summary.succeeded() && MonitSummary.allStopped(summary.stdout())) {
                    return true;
                }
                // monit stops processes on its own cycle and tells no one: read its summary again.
                sleep();
            }
            return false;
        }
    }

    /** Moves the store aside and leaves an empty one; returns where it went. */
    String moveStoreAside(BinaryBoshPair pair, OperationStatus operation) {
        MicroDirectorSpec micro = pair.getSpec().getBootstrap().getMicro();
        String store = quote(micro.getStorePath());
        String aside = quote(asidePath(micro, operation));
        try (Shell shell = shells.micro(pair)) {
            expect(shell.run("if [ ! -e " + aside + " ]; then mv " + store + " " + aside + "; fi; mkdir -p " + store,
                    COMMAND_TIMEOUT), "moving the store aside");
            CommandResult check = shell.run("test -d " + aside + " && test -z \"$(ls -A " + store + ")\"",
                    COMMAND_TIMEOUT);
            if (!check.succeeded()) {
                throw new ShellException("after the move, " + asidePath(micro, operation) + " is missing or "
                        + micro.getStorePath() + " is not empty");
            }
            return asidePath(micro, operation);
        }
    }

    static boolean isFence(OperationStatus operation) {
        return operation != null && OperationTypes.FENCE_MICRO.equals(operation.getType());
    }

    private static void expect(CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new ShellException(what + " exited " + result.exitCode() + ": " + result.stderr().trim());
        }
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException("interrupted while waiting for monit", e);
        }
    }
}
