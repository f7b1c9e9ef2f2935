package io.binarybosh.operator.director;

/** The TLS handshake failed: the director's certificate is not signed by the configured CA, or its name does not match. */
public class DirectorTlsException extends DirectorException {

    public DirectorTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
