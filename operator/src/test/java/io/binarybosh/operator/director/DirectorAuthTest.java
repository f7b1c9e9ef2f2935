package io.binarybosh.operator.director;

import io.binarybosh.operator.director.client.HttpDirectorClient;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Basic and UAA client-credentials auth, chosen from /info; token caching and refresh; refused credentials. */
class DirectorAuthTest {

    static final String CLIENT_SECRET = "uaa-Cl13nt-s3cret-never-logged";
    static final String TOKEN_1 = "eyJhbGciOiJSUzI1NiJ9.first-access-token.sig";
    static final String TOKEN_2 = "eyJhbGciOiJSUzI1NiJ9.second-access-token.sig";

    private DirectorFixture director;
    private MockWebServer uaa;

    @AfterEach
    void stop() {
        if (director != null) {
            director.close();
        }
        if (uaa != null) {
            uaa.close();
        }
    }

    @Test
    void basicAuthIsChosenFromInfoAndSentAsBasic() {
        director = new DirectorFixture();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        director.enqueueJson(200, "[]");

        director.client().deployments(DeploymentsQuery.full());

        RecordedRequest discovery = director.take();
        assertThat(discovery.getUrl().encodedPath()).isEqualTo("/info");
        assertThat(discovery.getHeaders().get("Authorization")).isNull();
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("Basic "
                + base64("admin:" + DirectorFixture.ADMIN_PASSWORD));
    }

    @Test
    void uaaClientCredentialsTokenIsFetchedAndSentAsBearer() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        director.enqueueJson(200, "[]");

        director.client().deployments(DeploymentsQuery.full());

        RecordedRequest tokenRequest = takeUaa();
        assertThat(tokenRequest.getMethod()).isEqualTo("POST");
        assertThat(tokenRequest.getUrl().encodedPath()).isEqualTo("/oauth/token");
        assertThat(tokenRequest.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(tokenRequest.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(tokenRequest.getHeaders().get("Authorization"))
                .isEqualTo("Basic " + base64("operator-client:" + CLIENT_SECRET));
        assertThat(tokenRequest.getBody().utf8()).isEqualTo("grant_type=client_credentials");
        director.take();
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
    }

    @Test
    void tokenIsCachedUntilSixtySecondsBeforeItExpires() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        uaa.enqueue(token(TOKEN_2, 3600));
        for (int i = 0; i < 4; i++) {
            director.enqueueJson(200, "[]");
        }
        HttpDirectorClient client = director.client();

        client.locks();
        client.locks();
        director.time.advance(Duration.ofSeconds(3600 - 61));
        client.locks();
        director.time.advance(Duration.ofSeconds(2));
        client.locks();

        director.take();
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_2);
        assertThat(uaa.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aTokenRequestDoesNotKeepItsConnectionForTheNextTokenMinutesLater() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        uaa.enqueue(token(TOKEN_2, 3600));
        director.enqueueJson(200, "[]");
        director.enqueueJson(200, "[]");
        HttpDirectorClient client = director.client();

        client.locks();
        director.time.advance(Duration.ofSeconds(3600 - 59));
        client.locks();

        RecordedRequest first = takeUaa();
        RecordedRequest second = takeUaa();
        assertThat(first.getHeaders().get("Connection")).isEqualTo("close");
        assertThat(second.getConnectionIndex()).isNotEqualTo(first.getConnectionIndex());
        assertThat(second.getExchangeIndex()).isZero();
    }

    @Test
    void aRejectedTokenIsFetchedAgainOnceAndTheCallSentAgain() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        uaa.enqueue(token(TOKEN_2, 3600));
        director.enqueueText(401, "Not authorized: '/locks'");
        director.enqueueJson(200, "[]");

        assertThat(director.client().locks()).isEmpty();

        director.take();
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_2);
        assertThat(uaa.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSecond401IsAnUnauthorizedError() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        uaa.enqueue(token(TOKEN_2, 3600));
        director.enqueueJson(401, "{\"code\":600000,\"description\":\"Require one of the scopes: bosh.admin\"}");
        director.enqueueJson(401, "{\"code\":600000,\"description\":\"Require one of the scopes: bosh.admin\"}");

        assertThatThrownBy(() -> director.client().locks())
                .isInstanceOf(DirectorUnauthorizedException.class)
                .hasMessageContaining("operator-client")
                .hasMessageContaining("600000")
                .hasMessageNotContaining(TOKEN_2)
                .hasMessageNotContaining(CLIENT_SECRET);
        assertThat(director.requestCount()).isEqualTo(3);
    }

    @Test
    void uaaRefusingTheClientIsUnauthorized() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(new MockResponse.Builder().code(401)
                .body("{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}").build());

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(DirectorUnauthorizedException.class)
                .hasMessageContaining("UAA")
                .hasMessageContaining("operator-client")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void aUaaTokenResponseLargerThanAnyUaasIsRefusedUnread() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        okio.Buffer huge = new okio.Buffer();
        byte[] mib = new byte[1 << 20];
        for (long i = 0; i <= io.binarybosh.operator.director.http.DirectorHttp.MAX_BODY_BYTES >> 20; i++) {
            huge.write(mib);
        }
        uaa.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(huge).build());

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("UAA")
                .hasMessageContaining("larger than 64 MiB")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void uaaWhoseCertificateAnotherCaSignedIsATlsError() throws Exception {
        startUaaDirector(TestPki.INSTANCE.serverOfOtherCa, TestPki.INSTANCE.otherCa);

        assertThatThrownBy(() -> director.client().locks())
                .isInstanceOf(DirectorTlsException.class)
                .hasMessageContaining("not trusted by the configured CA");
        assertThat(uaa.getRequestCount()).isZero();
    }

    @Test
    void theSecretIsNeverSentToAPlainHttpUaa() {
        director = new DirectorFixture(new DirectorCredentials("operator-client", CLIENT_SECRET));
        director.enqueueJson(200, DirectorFixture.BASIC_INFO.replace("{\"type\":\"basic\",\"options\":{}}",
                "{\"type\":\"uaa\",\"options\":{\"url\":\"http://127.0.0.1:1\"}}"));

        assertThatThrownBy(() -> director.client().locks())
                .isInstanceOf(DirectorResponseException.class)
                .hasMessageContaining("not an https URL");
        assertThat(director.requestCount()).isEqualTo(1);
    }

    @Test
    void authenticatedInfoWithA401IsUnauthorized() {
        director = new DirectorFixture();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        director.server.enqueue(new MockResponse.Builder().code(401)
                .setHeader("WWW-Authenticate", "Basic realm=\"BOSH Director\"").body("Not authorized: '/info'").build());

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(DirectorUnauthorizedException.class)
                .hasMessageContaining("admin")
                .hasMessageNotContaining(DirectorFixture.ADMIN_PASSWORD);
        assertThat(director.requestCount()).as("basic credentials are not sent twice").isEqualTo(2);
    }

    @Test
    void authenticatedInfoAnsweringUserNullIsUnauthorized() {
        director = new DirectorFixture();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(DirectorUnauthorizedException.class)
                .hasMessageContaining("user: null")
                .hasMessageContaining("'admin'");
    }

    @Test
    void aTokenTheDirectorNoLongerTakesIsRenewedWhenInfoAnswersUserNull() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(token(TOKEN_1, 3600));
        uaa.enqueue(token(TOKEN_2, 3600));
        director.enqueueJson(200, DirectorFixture.BASIC_INFO);
        director.enqueueJson(200, DirectorFixture.BASIC_INFO.replace("\"user\":null", "\"user\":\"operator-client\""));

        assertThat(director.client().authenticatedInfo().user()).isEqualTo("operator-client");

        director.take();
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_1);
        assertThat(director.take().getHeaders().get("Authorization")).isEqualTo("bearer " + TOKEN_2);
        assertThat(uaa.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aUaaThatDoesNotAnswerIsNotTheDirectorUnreachable() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.close();

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(UaaUnavailableException.class)
                .isNotInstanceOf(DirectorUnreachableException.class)
                .hasMessageContaining("UAA");
    }

    @Test
    void aUaaFailingWithA5xxIsUnavailable() throws Exception {
        startUaaDirector(TestPki.INSTANCE.server, TestPki.INSTANCE.ca);
        uaa.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"server_error\"}").build());

        assertThatThrownBy(() -> director.client().authenticatedInfo())
                .isInstanceOf(UaaUnavailableException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void infoIsAskedOnlyOnceToChooseTheMode() {
        director = new DirectorFixture();
        HttpDirectorClient client = director.basicClient();
        director.enqueueJson(200, "[]");
        director.enqueueJson(200, "[]");

        client.locks();
        client.locks();

        assertThat(director.take().getUrl().encodedPath()).isEqualTo("/locks");
        assertThat(director.take().getUrl().encodedPath()).isEqualTo("/locks");
    }

    private void startUaaDirector(HeldCertificate uaaCertificate, HeldCertificate uaaSigner) throws IOException {
        uaa = new MockWebServer();
        uaa.setServerSocketFactory(new NoDelayServerSockets());
        uaa.useHttps(TestPki.INSTANCE.serverHandshake(uaaCertificate, uaaSigner).sslSocketFactory());
        uaa.start(InetAddress.getByName("127.0.0.1"), 0);
        director = new DirectorFixture(new DirectorCredentials("operator-client", CLIENT_SECRET));
        String uaaUrl = "https://127.0.0.1:" + uaa.getPort();
        director.enqueueJson(200, DirectorFixture.BASIC_INFO.replace("{\"type\":\"basic\",\"options\":{}}",
                "{\"type\":\"uaa\",\"options\":{\"url\":\"" + uaaUrl + "\",\"urls\":[\"" + uaaUrl + "\"]}}"));
    }

    private RecordedRequest takeUaa() throws InterruptedException {
        RecordedRequest request = uaa.takeRequest(3, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    static MockResponse token(String accessToken, long expiresIn) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
                        + ",\"scope\":\"bosh.admin\",\"jti\":\"abc\"}").build();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
