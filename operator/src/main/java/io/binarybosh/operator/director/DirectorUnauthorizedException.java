package io.binarybosh.operator.director;

/**
 * The director (or its UAA) refused the credentials: a 401, or {@code user: null} on an authenticated
 * {@code /info}. The message names the client, never the secret or a token.
 */
public class DirectorUnauthorizedException extends DirectorException {

    public DirectorUnauthorizedException(String message) {
        super(message);
    }
}
