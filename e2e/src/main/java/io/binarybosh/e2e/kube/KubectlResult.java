package io.binarybosh.e2e.kube;

/**
 * What one kubectl run gave.
 *
 * @param command  the arguments, for messages
 * @param exitCode the exit code
 * @param stdout   standard output
 * @param stderr   standard error
 */
public record KubectlResult(String command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an exception that quotes kubectl's output. */
    public KubectlResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException("kubectl " + command + " exited " + exitCode + ": " + stderr + stdout);
        }
        return this;
    }
}
