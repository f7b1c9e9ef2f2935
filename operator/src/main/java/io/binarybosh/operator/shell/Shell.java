package io.binarybosh.operator.shell;

import java.time.Duration;

/** Runs commands on one VM. */
public interface Shell extends AutoCloseable {

    CommandResult run(String command, Duration timeout);

    @Override
    void close();
}
