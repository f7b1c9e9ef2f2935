package io.binarybosh.operator.director;

/** Base of every failure talking to a director. Messages name the director's URL, never a secret. */
public class DirectorException extends RuntimeException {

    public DirectorException(String message) {
        super(message);
    }

    public DirectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
