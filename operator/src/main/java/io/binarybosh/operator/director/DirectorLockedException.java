package io.binarybosh.operator.director;

/**
 * The director refused because a lock is held (a deployment is being changed). The director API lists no
 * dedicated error code for this, so it is recognised by the director's lock wording; check
 * {@code GET /locks} and retry later.
 */
public class DirectorLockedException extends DirectorApiException {

    public DirectorLockedException(String message, int httpStatus, Integer errorCode, String description) {
        super(message, httpStatus, errorCode, description);
    }
}
