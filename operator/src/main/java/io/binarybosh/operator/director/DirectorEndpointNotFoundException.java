package io.binarybosh.operator.director;

/**
 * A 404 with the plain-text body {@code Endpoint '<path>' not found.}: the director has no such route, or the
 * route's {@code Content-Type} condition did not match. This is a client bug or a director version mismatch,
 * never "the resource does not exist" (that is {@link DirectorNotFoundException}).
 */
public class DirectorEndpointNotFoundException extends DirectorResponseException {

    public DirectorEndpointNotFoundException(String message) {
        super(message);
    }
}
