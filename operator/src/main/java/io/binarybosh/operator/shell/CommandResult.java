package io.binarybosh.operator.shell;

/** What a remote command printed and how it exited. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
