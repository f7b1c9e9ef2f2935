package io.binarybosh.operator.director;

/**
 * The director's UAA gave no token: unreachable, or failing (a 5xx). The director itself may answer: this is not
 * "the director is unreachable", and nothing about the director's VM can be concluded from it.
 */
public class UaaUnavailableException extends DirectorException {

    public UaaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
