package io.binarybosh.operator.director;

/** The director answered, but not in a shape the client understands (bad JSON, a missing field, an unexpected status). */
public class DirectorResponseException extends DirectorException {

    public DirectorResponseException(String message) {
        super(message);
    }

    public DirectorResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
