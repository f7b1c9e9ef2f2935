package io.binarybosh.operator.support;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A director that answers {@code GET /info} over HTTPS exactly as a real one with basic auth does ({@code user}
 * is the authenticated user, or null for missing or wrong credentials), holds no deployment, has resurrection on,
 * and answers anything else as a real director answers an unknown route. Counts the requests it gets.
 */
public final class FakeDirector implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final String name;
    private final String user;
    private final String password;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger changes = new AtomicInteger();
    private volatile boolean resurrection = true;

    public FakeDirector(String name, HeldCertificate serverCertificate, String user, String password)
            throws IOException {
        this.name = name;
        this.user = user;
        this.password = password;
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate)
                .build();
        server.useHttps(certificates.sslSocketFactory());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** A server certificate for 127.0.0.1 signed by the given CA. */
    public static HeldCertificate certificateSignedBy(HeldCertificate ca) {
        return new HeldCertificate.Builder().signedBy(ca).addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost").commonName("127.0.0.1").build();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"GET".equals(request.getMethod())) {
            changes.incrementAndGet();
        }
        if ("GET".equals(request.getMethod()) && "/resurrection".equals(path)) {
            return json("{\"resurrection\":" + resurrection + "}");
        }
        if ("PUT".equals(request.getMethod()) && "/resurrection".equals(path)) {
            String body = request.getBody() == null ? "" : request.getBody().utf8().replace(" ", "");
            resurrection = body.contains("\"resurrection_paused\":false");
            return new MockResponse.Builder().code(204).build();
        }
        if ("GET".equals(request.getMethod()) && "/deployments".equals(path)) {
            return json("[]");
        }
        if (!"GET".equals(request.getMethod()) || !"/info".equals(path)) {
            return new MockResponse.Builder().code(404).body("Endpoint '" + path + "' not found.").build();
        }
        String authorization = request.getHeaders().get("Authorization");
        boolean authenticated = Credentials.basic(user, password).equals(authorization);
        String userJson = authenticated ? "\"" + user + "\"" : "null";
        String body = """
                {"name":"%s","uuid":"%s-uuid","version":"283.1.6 (00000000)","user":%s,"cpi":"warden_cpi",\
                "stemcell_os":"ubuntu-noble","stemcell_version":"1.484",\
                "user_authentication":{"type":"basic","options":{}},\
                "features":{"local_dns":{"status":true,"extras":{"domain_name":"bosh"}},"snapshots":{"status":false}}}
                """.formatted(name, name, userJson);
        return json(body);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** As after {@code bosh update-resurrection off}: GET /resurrection answers false until a PUT turns it on. */
    public void pauseResurrection() {
        resurrection = false;
    }

    public String url() {
        return "https://127.0.0.1:" + server.getPort();
    }

    public int requestCount() {
        return requests.get();
    }

    /** Requests that could change the director: anything but a GET. */
    public int changeRequestCount() {
        return changes.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
