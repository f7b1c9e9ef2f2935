package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClientFactory;
import io.binarybosh.operator.director.http.DirectorUrl;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS against the configured CA only, SAN verification, a malformed CA, unreachable directors, the URL. */
class DirectorTransportTest {

    private DirectorFixture director;

    @AfterEach
    void stop() {
        if (director != null) {
            director.close();
        }
    }

    @Test
    void aDirectorWhoseCertificateTheConfiguredCaSignedIsTrusted() {
        director = new DirectorFixture();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        assertThat(director.client().info().name()).isEqualTo("meta-bosh");
        assertThat(director.take().getHandshake()).isNotNull();
    }

    @Test
    void aDirectorWhoseCertificateAnotherCaSignedIsRefused() {
        director = new DirectorFixture(new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD),
                TestPki.INSTANCE.serverOfOtherCa, TestPki.INSTANCE.otherCa);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        assertThatThrownBy(() -> director.client().info())
                .isInstanceOf(DirectorTlsException.class)
                .hasMessageContaining("is not trusted by the configured CA")
                .hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining(DirectorFixture.ADMIN_PASSWORD);
        assertThat(director.requestCount()).isZero();
    }

    @Test
    void aCertificateThatDoesNotNameTheAddressIsRefused() {
        director = new DirectorFixture(new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD),
                TestPki.INSTANCE.serverForOtherName, TestPki.INSTANCE.ca);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        assertThatThrownBy(() -> director.client().info())
                .isInstanceOf(DirectorTlsException.class)
                .hasMessageContaining("SAN");
    }

    @Test
    void anExpiredCertificateIsRefusedAsExpired() {
        director = new DirectorFixture(new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD),
                TestPki.INSTANCE.expiredServer, TestPki.INSTANCE.ca);

        assertThatThrownBy(() -> director.client().info())
                .isInstanceOf(DirectorTlsException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aDirectorSlowerThanTheReadTimeoutIsUnreachable() {
        director = new DirectorFixture();
        director.enqueue(new MockResponse.Builder().code(200).body(DirectorFixture.BASIC_INFO)
                .headersDelay(2, TimeUnit.SECONDS).build());
        DirectorEndpoint endpoint = new DirectorEndpoint(director.url(), TestPki.INSTANCE.caPem(), director.credentials,
                new DirectorTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1)));

        try (DirectorClient client = new HttpDirectorClientFactory(director.options(RetryPolicy.none())).create(endpoint)) {
            // okhttp says "timeout" or the socket "Read timed out", depending on where the wait ends
            assertThatThrownBy(client::info)
                    .isInstanceOf(DirectorUnreachableException.class)
                    .hasMessageMatching("(?s).*([Tt]imeout|timed out).*");
        }
    }

    static Stream<String> notCertificates() {
        // A private key pasted where the CA belongs: made here, never committed.
        String privateKey = new HeldCertificate.Builder().build().privateKeyPkcs8Pem();
        return Stream.of("", "not a certificate",
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n", privateKey);
    }

    @ParameterizedTest
    @MethodSource("notCertificates")
    void aCaThatIsNotAPemCertificateFailsAtCreation(String pem) {
        DirectorEndpoint endpoint = new DirectorEndpoint(URI.create("https://127.0.0.1:25555"), pem,
                new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD), DirectorFixture.FAST);

        assertThatThrownBy(() -> new HttpDirectorClientFactory().create(endpoint))
                .isInstanceOf(DirectorCaCertificateException.class)
                .isInstanceOf(DirectorTlsException.class)
                .hasMessageContaining("CA certificate")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pemBody(pem))
                        .doesNotContain("bm90IGEgY2VydGlmaWNhdGU="));
    }

    /** The base64 lines of a PEM block, or the text itself when it is none. */
    private static String pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "").trim();
        return body.isEmpty() ? "\u0000" : body.substring(0, Math.min(40, body.length()));
    }

    @Test
    void aCaBundleWithSeveralCertificatesIsAccepted() {
        director = new DirectorFixture();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        DirectorEndpoint endpoint = new DirectorEndpoint(director.url(),
                TestPki.INSTANCE.otherCa.certificatePem() + TestPki.INSTANCE.caPem(), director.credentials,
                DirectorFixture.FAST);

        try (DirectorClient client = new HttpDirectorClientFactory(director.options(RetryPolicy.none()))
                .create(endpoint)) {
            assertThat(client.info().uuid()).isEqualTo("2daf673a-9755-4b4f-aa6d-3632fbed8012");
        }
    }

    @Test
    void aClosedPortIsUnreachableAfterTheRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        FakeTime time = new FakeTime();
        DirectorEndpoint endpoint = new DirectorEndpoint(URI.create("https://127.0.0.1:" + port),
                TestPki.INSTANCE.caPem(), new DirectorCredentials("admin", DirectorFixture.ADMIN_PASSWORD),
                DirectorFixture.FAST);

        try (DirectorClient client = new HttpDirectorClientFactory(DirectorClientOptions.defaults()
                .withClock(time, time)).create(endpoint)) {
            assertThatThrownBy(client::info)
                    .isInstanceOf(DirectorUnreachableException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("unreachable");
        }
        assertThat(time.sleeps).hasSize(RetryPolicy.defaults().maxAttempts() - 1);
    }

    @Test
    void thePortDefaultsTo25555AndTheSchemeToHttps() {
        assertThat(DirectorUrl.base(URI.create("https://10.0.0.6")).toString()).isEqualTo("https://10.0.0.6:25555/");
        assertThat(DirectorUrl.base(URI.create("http://10.0.0.6")).toString()).isEqualTo("https://10.0.0.6:25555/");
        assertThat(DirectorUrl.base(URI.create("10.0.0.6")).toString()).isEqualTo("https://10.0.0.6:25555/");
        assertThat(DirectorUrl.base(URI.create("https://director.example:443")).toString())
                .isEqualTo("https://director.example/");
        assertThat(DirectorUrl.base(URI.create("https://[::1]")).port()).isEqualTo(25555);
    }

    @Test
    void aUrlWithoutHostIsRefused() {
        assertThatThrownBy(() -> DirectorUrl.base(URI.create("https:///path")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringsHideTheSecret() {
        director = new DirectorFixture();
        assertThat(director.endpoint().toString()).doesNotContain(DirectorFixture.ADMIN_PASSWORD);
        assertThat(director.client().toString()).doesNotContain(DirectorFixture.ADMIN_PASSWORD).contains("admin");
    }

    @Test
    void contextIdsAreAtMost64PrintableCharacters() {
        assertThat(ContextId.random().value()).hasSizeLessThanOrEqualTo(64).startsWith("binarybosh-");
        assertThat(ContextId.of("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> ContextId.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContextId.of("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContextId.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
