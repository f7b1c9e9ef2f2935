package io.binarybosh.e2e.operator;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan that closes every operator e2e test finds what it must, and names it without printing it. */
class SecretScanTest {

    private final SecretScan scan = new SecretScan();

    @Test
    void findsKnownValuesAsWrittenAndBase64Encoded() {
        scan.add("s3cr3t-value");
        assertThat(scan.findings("log", "director answered for admin")).isEmpty();
        assertThat(scan.findings("log", "password is s3cr3t-value")).singleElement().asString()
                .startsWith("log: known secret").doesNotContain("s3cr3t-value");
        String encoded = Base64.getEncoder().encodeToString("s3cr3t-value".getBytes(StandardCharsets.UTF_8));
        assertThat(scan.findings("status", "{\"data\":\"" + encoded + "\"}")).hasSize(1);
    }

    @Test
    void findsSecretsByTheirShape() {
        String key = new HeldCertificate.Builder().build().privateKeyPkcs8Pem();
        assertThat(scan.findings("event", "{\"message\":\"" + key.replace("\n", "\\n") + "\"}")).hasSize(1);
        assertThat(scan.findings("log", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl")).hasSize(1);
        assertThat(scan.findings("log", "Authorization: Basic YWRtaW46cHJpbWFyeS1zZWNyZXQ=")).hasSize(1);
        assertThat(scan.findings("log", "uses basic authentication with a bearer token")).isEmpty();
    }
}
