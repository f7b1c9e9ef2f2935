package io.binarybosh.operator.shell;

/** The shell could not be reached, refused the key, showed another host key, or a command timed out. */
public class ShellException extends RuntimeException {

    public ShellException(String message, Throwable cause) {
        super(message, cause);
    }

    public ShellException(String message) {
        super(message);
    }
}
