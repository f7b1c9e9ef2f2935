package io.binarybosh.operator.director;

/** A 404 with a BOSH error body: the deployment (70000), instance (70001) or task (10000) does not exist. */
public class DirectorNotFoundException extends DirectorApiException {

    public DirectorNotFoundException(String message, int httpStatus, Integer errorCode, String description) {
        super(message, httpStatus, errorCode, description);
    }
}
