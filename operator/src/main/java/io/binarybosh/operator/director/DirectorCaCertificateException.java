package io.binarybosh.operator.director;

/**
 * The configured director CA is not a valid PEM certificate. Thrown by
 * {@link DirectorClientFactory#create(DirectorEndpoint)} before any connection is made.
 */
public class DirectorCaCertificateException extends DirectorTlsException {

    public DirectorCaCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
