package io.binarybosh.operator.director.http;

import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorTlsException;
import io.binarybosh.operator.director.DirectorUnreachableException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertPathValidatorException;

/** Maps an I/O failure to unreachable or TLS, naming the peer and never a secret. */
public final class TransportErrors {

    private TransportErrors() {
    }

    public static DirectorException map(IOException e, String peer, String call) {
        if (e instanceof SSLPeerUnverifiedException) {
            return new DirectorTlsException("The TLS certificate of " + peer
                    + " does not name the address dialled (hostname/IP SAN verification failed) during " + call, e);
        }
        if (e instanceof SSLHandshakeException && causedBy(e, CertificateExpiredException.class)) {
            return new DirectorTlsException("The TLS certificate of " + peer + " (or of a CA in its chain) has expired ("
                    + call + ")", e);
        }
        if (e instanceof SSLHandshakeException && causedBy(e, CertificateNotYetValidException.class)) {
            return new DirectorTlsException("The TLS certificate of " + peer + " is not valid yet (" + call + ")", e);
        }
        if (e instanceof SSLHandshakeException && causedByCertificate(e)) {
            return new DirectorTlsException("The TLS certificate of " + peer
                    + " is not trusted by the configured CA (" + call + ")", e);
        }
        if (e instanceof SSLException) {
            return new DirectorTlsException("TLS with " + peer + " failed during " + call + ": " + e.getMessage(), e);
        }
        return new DirectorUnreachableException(peer + " is unreachable (" + call + "): "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("PKIX") || message.contains("certification path"))) {
                return true;
            }
        }
        return false;
    }
}
