package io.binarybosh.operator.director;

/**
 * The director refused a request with an error status. {@link #errorCode()} is the BOSH error code from a
 * {@code {"code":..,"description":..}} body, or null when the body was not one (a 500 with an empty body).
 */
public class DirectorApiException extends DirectorResponseException {

    private final int httpStatus;
    private final Integer errorCode;
    private final String description;

    public DirectorApiException(String message, int httpStatus, Integer errorCode, String description) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.description = description;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The BOSH error code, e.g. 70000 for a missing deployment; null when the body carried none. */
    public Integer errorCode() {
        return errorCode;
    }

    /** The director's own description of the error, or the start of a non-JSON body; may be empty. */
    public String description() {
        return description;
    }
}
