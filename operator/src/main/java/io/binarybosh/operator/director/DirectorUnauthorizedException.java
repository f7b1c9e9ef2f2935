package io.binarybosh.operator.director;

/** The director (or its UAA) refused the credentials. */
public class DirectorUnauthorizedException extends DirectorException {

    public DirectorUnauthorizedException(String message) {
        super(message);
    }
}
