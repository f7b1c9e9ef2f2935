package io.binarybosh.operator.shell;

/** The shell could not be reached, refused the key, showed another host key, or a command timed out. */
public class ShellException extends RuntimeException {

    /** What went wrong, where a caller acts differently on it. */
    public enum Kind {
        /** Unreachable, a login refused, a command that failed or timed out: may pass by trying again. */
        FAILED,
        /** The host answered with a key other than the pinned one: another machine (a recreated VM) or an impostor. */
        HOST_KEY_CHANGED
    }

    public ShellException(String message, Throwable cause) {
        super(message, cause);
    }

    public ShellException(String message) {
        super(message);
    }

    public Kind kind() {
        return Kind.FAILED;
    }
}
