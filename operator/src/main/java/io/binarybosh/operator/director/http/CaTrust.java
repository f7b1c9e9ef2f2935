package io.binarybosh.operator.director.http;

import io.binarybosh.operator.director.DirectorCaCertificateException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;

/**
 * Trust in exactly the configured CA certificate(s), replacing the system roots, as the CLI does with
 * {@code --ca-cert}. Host names and IPs are still verified against the certificate's SANs by OkHttp.
 */
public record CaTrust(X509TrustManager trustManager, SSLSocketFactory socketFactory) {

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

    /**
     * @throws DirectorCaCertificateException when the text holds no parseable PEM certificate; the message
     *         never repeats the text
     */
    public static CaTrust fromPem(String pem) {
        if (pem == null || !pem.contains(PEM_BEGIN)) {
            throw new DirectorCaCertificateException(
                    "The director CA certificate is not PEM: it has no '" + PEM_BEGIN + "' block", null);
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new DirectorCaCertificateException("The director CA certificate PEM holds no certificate", null);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("director-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no X509 trust manager"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new CaTrust(trustManager, context.getSocketFactory());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new DirectorCaCertificateException(
                    "The director CA certificate is not a valid PEM X.509 certificate (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }
}
