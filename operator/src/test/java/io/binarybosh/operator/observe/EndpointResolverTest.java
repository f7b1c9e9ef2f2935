package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.model.ManagedDirectorSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointResolverTest {

    private static final String CA_PEM = new HeldCertificate.Builder().certificateAuthority(0).build()
            .certificatePem();
    private static final String PASSWORD = "s3cr3t-p4ss";

    private final Map<String, Secret> secrets = new HashMap<>();
    private final EndpointResolver resolver = new EndpointResolver(
            (namespace, name) -> Optional.ofNullable(secrets.get(namespace + "/" + name)), DirectorTimeouts.defaults());
    private final ManagedDirectorSpec primary = TestPairs.director("https://127.0.0.1:25555", "bosh-primary",
            "primary-director");

    private void secret(String name, Map<String, String> values) {
        Map<String, String> data = new HashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put("ns/" + name, new SecretBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .endMetadata().withData(data).build());
    }

    @Test
    void resolvesFromData() {
        secret("primary-director", Map.of("ca.crt", CA_PEM, "client", "admin", "clientSecret", PASSWORD));
        EndpointResolution resolution = resolver.resolve("ns", "spec.primary", primary);
        assertThat(resolution).isInstanceOf(EndpointResolution.Resolved.class);
        var endpoint = ((EndpointResolution.Resolved) resolution).endpoint();
        assertThat(endpoint.url().toString()).isEqualTo("https://127.0.0.1:25555");
        assertThat(endpoint.credentials().client()).isEqualTo("admin");
        assertThat(endpoint.credentials().secret()).isEqualTo(PASSWORD);
        assertThat(endpoint.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void resolvesFromStringDataAsTheTestApiServerKeepsIt() {
        secrets.put("ns/primary-director", new SecretBuilder().withNewMetadata().withName("primary-director")
                .endMetadata().withStringData(Map.of("ca.crt", CA_PEM, "client", "admin", "clientSecret", PASSWORD))
                .build());
        assertThat(resolver.resolve("ns", "spec.primary", primary)).isInstanceOf(EndpointResolution.Resolved.class);
    }

    @Test
    void missingSecret() {
        assertProblem("SecretNotFound", "spec.primary.caSecretRef: Secret 'primary-director' not found");
    }

    @Test
    void missingCaKey() {
        secret("primary-director", Map.of("client", "admin", "clientSecret", PASSWORD));
        assertProblem("SecretKeyMissing", "Secret 'primary-director' has no non-empty key 'ca.crt'");
    }

    @Test
    void caIsNotPem() {
        secret("primary-director", Map.of("ca.crt", "not a certificate", "client", "admin", "clientSecret", PASSWORD));
        assertProblem("InvalidCaCertificate", "is not a PEM X.509 certificate");
    }

    @Test
    void caIsCorruptPem() {
        String corrupt = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        secret("primary-director", Map.of("ca.crt", corrupt, "client", "admin", "clientSecret", PASSWORD));
        assertProblem("InvalidCaCertificate", "is not a PEM X.509 certificate");
    }

    @Test
    void missingClientSecret() {
        secret("primary-director", Map.of("ca.crt", CA_PEM, "client", "admin"));
        assertProblem("SecretKeyMissing", "has no non-empty key 'clientSecret'");
    }

    @Test
    void credentialsInAnotherSecret() {
        primary.getCredentialsSecretRef().setName("primary-credentials");
        secret("primary-director", Map.of("ca.crt", CA_PEM));
        assertProblem("SecretNotFound", "spec.primary.credentialsSecretRef: Secret 'primary-credentials' not found");
        secret("primary-credentials", Map.of("client", "admin", "clientSecret", PASSWORD));
        assertThat(resolver.resolve("ns", "spec.primary", primary)).isInstanceOf(EndpointResolution.Resolved.class);
    }

    @Test
    void invalidUrlIsNotContacted() {
        primary.setUrl("http://127.0.0.1");
        assertProblem("InvalidUrl", "spec.primary.url must be https://");
    }

    private void assertProblem(String reason, String messagePart) {
        EndpointResolution resolution = resolver.resolve("ns", "spec.primary", primary);
        assertThat(resolution).isInstanceOf(EndpointResolution.Unresolved.class);
        ConfigProblem problem = ((EndpointResolution.Unresolved) resolution).problem();
        assertThat(problem.reason().wire()).isEqualTo(reason);
        assertThat(problem.message()).contains(messagePart).doesNotContain(PASSWORD);
    }
}
