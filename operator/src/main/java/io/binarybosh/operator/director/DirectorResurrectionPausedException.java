package io.binarybosh.operator.director;

/** Error 410004: {@code scan_and_fix} was refused because resurrection is paused globally ({@code PUT /resurrection}). */
public class DirectorResurrectionPausedException extends DirectorApiException {

    public DirectorResurrectionPausedException(String message, int httpStatus, Integer errorCode, String description) {
        super(message, httpStatus, errorCode, description);
    }
}
