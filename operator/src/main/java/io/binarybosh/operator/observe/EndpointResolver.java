package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.director.DirectorCredentials;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.model.DirectorConnectionSpec;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SecretRef;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a director's spec and the Secrets it references into a {@link DirectorEndpoint}, or a precise
 * {@link ConfigProblem}. Messages name Secrets and keys, never their values.
 */
public final class EndpointResolver {

    public static final String DEFAULT_CA_KEY = "ca.crt";
    public static final String CLIENT_KEY = "client";
    public static final String CLIENT_SECRET_KEY = "clientSecret";

    private static final Pattern URL = Pattern.compile(DirectorConnectionSpec.URL_PATTERN);

    private final SecretLookup secrets;
    private final DirectorTimeouts timeouts;

    public EndpointResolver(SecretLookup secrets, DirectorTimeouts timeouts) {
        this.secrets = secrets;
        this.timeouts = timeouts;
    }

    public EndpointResolution resolve(String namespace, String field, DirectorConnectionSpec spec) {
        if (spec == null) {
            return problem(Reason.FIELD_MISSING, field + " is required");
        }
        if (spec.getUrl() == null || !URL.matcher(spec.getUrl()).matches()) {
            return problem(Reason.INVALID_URL,
                    field + ".url must be https://<host>[:<port>], got '" + spec.getUrl() + "'");
        }
        URI url = URI.create(spec.getUrl());
        if (spec.getCaSecretRef() == null || spec.getCaSecretRef().getName() == null) {
            return problem(Reason.FIELD_MISSING, field + ".caSecretRef.name is required");
        }
        if (spec.getCredentialsSecretRef() == null || spec.getCredentialsSecretRef().getName() == null) {
            return problem(Reason.FIELD_MISSING, field + ".credentialsSecretRef.name is required");
        }
        SecretKeyRef caRef = spec.getCaSecretRef();
        String caKey = caRef.getKey() == null ? DEFAULT_CA_KEY : caRef.getKey();
        Optional<Secret> caSecret = secrets.find(namespace, caRef.getName());
        if (caSecret.isEmpty()) {
            return secretNotFound(field + ".caSecretRef", caRef.getName());
        }
        Optional<String> caPem = SecretValues.read(caSecret.get(), caKey);
        if (caPem.isEmpty() || caPem.get().isBlank()) {
            return keyMissing(field + ".caSecretRef", caRef.getName(), caKey);
        }
        Optional<String> caError = certificateError(caPem.get());
        if (caError.isPresent()) {
            return problem(Reason.INVALID_CA_CERTIFICATE, field + ".caSecretRef: key '" + caKey + "' of Secret '"
                    + caRef.getName() + "' is not a PEM X.509 certificate (" + caError.get() + ")");
        }
        SecretRef credentialsRef = spec.getCredentialsSecretRef();
        Optional<Secret> credentialsSecret = secrets.find(namespace, credentialsRef.getName());
        if (credentialsSecret.isEmpty()) {
            return secretNotFound(field + ".credentialsSecretRef", credentialsRef.getName());
        }
        Optional<String> client = SecretValues.read(credentialsSecret.get(), CLIENT_KEY).filter(v -> !v.isBlank());
        if (client.isEmpty()) {
            return keyMissing(field + ".credentialsSecretRef", credentialsRef.getName(), CLIENT_KEY);
        }
        Optional<String> clientSecret = SecretValues.read(credentialsSecret.get(), CLIENT_SECRET_KEY)
                .filter(v -> !v.isEmpty());
        if (clientSecret.isEmpty()) {
            return keyMissing(field + ".credentialsSecretRef", credentialsRef.getName(), CLIENT_SECRET_KEY);
        }
        return new EndpointResolution.Resolved(new DirectorEndpoint(url, caPem.get(),
                new DirectorCredentials(client.get().trim(), clientSecret.get()), timeouts));
    }

    /**
     * The director refused, or the operator could not use, what the spec's Secrets hold: the next resolution reads
     * them again, so that a Secret mended since is used at the next poll rather than when its copy expires.
     */
    public void stale(String namespace, DirectorConnectionSpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.getCaSecretRef() != null && spec.getCaSecretRef().getName() != null) {
            secrets.stale(namespace, spec.getCaSecretRef().getName());
        }
        if (spec.getCredentialsSecretRef() != null && spec.getCredentialsSecretRef().getName() != null) {
            secrets.stale(namespace, spec.getCredentialsSecretRef().getName());
        }
    }

    private static Optional<String> certificateError(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return Optional.of("no BEGIN CERTIFICATE block");
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? Optional.of("no certificate found") : Optional.empty();
        } catch (CertificateException e) {
            return Optional.of("it does not parse");
        }
    }

    private static EndpointResolution secretNotFound(String field, String name) {
        return problem(Reason.SECRET_NOT_FOUND, field + ": Secret '" + name + "' not found in the pair's namespace");
    }

    private static EndpointResolution keyMissing(String field, String name, String key) {
        return problem(Reason.SECRET_KEY_MISSING, field + ": Secret '" + name + "' has no non-empty key '" + key + "'");
    }

    private static EndpointResolution problem(Reason reason, String message) {
        return new EndpointResolution.Unresolved(new ConfigProblem(reason, message));
    }
}
