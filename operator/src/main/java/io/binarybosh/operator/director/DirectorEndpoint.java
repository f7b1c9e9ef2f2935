package io.binarybosh.operator.director;

import java.net.URI;
import java.util.Objects;

/**
 * Everything needed to talk to one director: its URL, the PEM of the CA that signed its certificate (and
 * its UAA's), the credentials and the timeouts. Built from the pair's spec and its Secrets.
 */
public record DirectorEndpoint(URI url, String caCertificatePem, DirectorCredentials credentials,
                               DirectorTimeouts timeouts) {

    public DirectorEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String toString() {
        return "DirectorEndpoint[url=" + url + ", credentials=" + credentials + "]";
    }
}
