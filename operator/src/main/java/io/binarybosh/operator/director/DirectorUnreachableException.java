package io.binarybosh.operator.director;

/** The director could not be reached: connection refused, DNS, timeout, reset. */
public class DirectorUnreachableException extends DirectorException {

    public DirectorUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
