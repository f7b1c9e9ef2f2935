package io.binarybosh.operator.shell;

import java.time.Duration;

/** Runs commands on one VM. */
public interface Shell extends AutoCloseable {

    CommandResult run(String command, Duration timeout);

    /** Runs {@code command} with {@code input} on its stdin: how secrets reach a VM without showing in a process list. */
    default CommandResult run(String command, String input, Duration timeout) {
        throw new ShellException("this shell cannot send input to a command");
    }

    /** False once the shell is known to be unusable (its connection closed); a shell that cannot tell says true. */
    default boolean connected() {
        return true;
    }

    @Override
    void close();
}
