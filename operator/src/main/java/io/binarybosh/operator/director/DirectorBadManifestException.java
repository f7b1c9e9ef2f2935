package io.binarybosh.operator.director;

/** Error 440001: the director could not accept the deployment manifest. */
public class DirectorBadManifestException extends DirectorApiException {

    public DirectorBadManifestException(String message, int httpStatus, Integer errorCode, String description) {
        super(message, httpStatus, errorCode, description);
    }
}
