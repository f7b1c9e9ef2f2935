package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.director.Director;
import io.binarybosh.e2e.sim.world.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a real director answers that a client is easily wrong about: task order, redirects, a dead database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorFidelityTest {
    World world;
    BoshHttp bosh;

    @BeforeAll
    void startWorld(@TempDir Path dir) {
        world = TestWorlds.start(TestWorlds.ONE_DIRECTOR, dir);
        bosh = new BoshHttp(world.endpoint("primary"));
        bosh.login();
    }

    @AfterAll
    void stopWorld() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void tasksAreListedByTimestampSoTheFirstIsNotTheNewest() {
        Director director = world.director("primary");
        long older = director.stuckTask("web", "create deployment", "ops", Duration.ZERO);
        long newer = bosh.waitForTask(BoshHttp.taskId(bosh.send("POST", "/deployments/zookeeper/scans",
                "application/json", ""))).task().path("id").asLong();
        assertThat(newer).isGreaterThan(older);
        assertThat(bosh.send("DELETE", "/task/" + older, null, null).code()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> bosh.get("/tasks/" + older).json().path("state").asText().equals("cancelled"));

        JsonNode first = bosh.get("/tasks?verbose=2&limit=1").json();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("id").asLong()).as("the task that ended last comes first").isEqualTo(older);
        List<Long> ids = ids(bosh.get("/tasks?verbose=2").json());
        assertThat(ids.indexOf(older)).isLessThan(ids.indexOf(newer));
    }

    @Test
    void redirectsCarryAnAbsoluteLocationBuiltFromTheHost() {
        BoshHttp.Reply redirect = bosh.get("/deployments/zookeeper/instances?format=full");
        assertThat(redirect.code()).isEqualTo(302);
        String endpoint = world.endpoint("primary").address() + ":" + world.endpoint("primary").port();
        assertThat(redirect.headers().get("Location")).matches("https://" + endpoint.replace(".", "\\.") + "/tasks/\\d+");
        bosh.waitForTask(BoshHttp.taskId(redirect));
    }

    @Test
    void withItsDatabaseDownADirectorAnswersInfoAndFailsEveryRouteThatReadsIt() {
        String uuid = bosh.get("/info").json().path("uuid").asText();
        world.faults().stopDatabase("primary");
        try {
            BoshHttp.Reply info = bosh.get("/info");
            assertThat(info.code()).isEqualTo(200);
            assertThat(info.json().path("uuid").asText()).isEqualTo(uuid);
            assertThat(info.json().path("user").asText()).as("the token is checked without the database")
                    .isEqualTo("admin");
            for (String path : List.of("/deployments", "/deployments/zookeeper/instances", "/tasks?verbose=2",
                    "/resurrection", "/locks", "/configs?type=resurrection&latest=true")) {
                BoshHttp.Reply reply = bosh.get(path);
                assertThat(reply.code()).as(path).isEqualTo(500);
                assertThat(reply.body()).as(path).isEmpty();
            }
        } finally {
            world.faults().startDatabase("primary");
        }
        assertThat(bosh.get("/deployments").code()).isEqualTo(200);
    }

    @Test
    void uaaAnswersOnItsOwnPortWithItsOwnCertificateFromTheDirectorsCa() throws Exception {
        var endpoint = world.endpoint("primary");
        String uaa = bosh.get("/info").json().path("user_authentication").path("options").path("url").asText();
        assertThat(uaa).isEqualTo("https://" + endpoint.address() + ":8443");
        // the test client trusts only the world's CA: a handshake that succeeds proves which CA signed it
        java.security.cert.Certificate api = peerCertificate(endpoint.url() + "/info");
        java.security.cert.Certificate uaaCertificate = peerCertificate(uaa + "/login");
        assertThat(uaaCertificate).isNotEqualTo(api);
        okhttp3.Request token = new okhttp3.Request.Builder().url(endpoint.url() + "/oauth/token")
                .header("Authorization", okhttp3.Credentials.basic(endpoint.client(), endpoint.clientSecret()))
                .post(new okhttp3.FormBody.Builder().add("grant_type", "client_credentials").build()).build();
        try (okhttp3.Response r = bosh.client().newCall(token).execute()) {
            assertThat(r.code()).as("the director's port has no token endpoint").isEqualTo(401);
        }
    }

    private java.security.cert.Certificate peerCertificate(String url) throws java.io.IOException {
        try (okhttp3.Response r = bosh.client().newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
            return r.handshake().peerCertificates().get(0);
        }
    }

    private static List<Long> ids(JsonNode tasks) {
        List<Long> out = new java.util.ArrayList<>();
        tasks.forEach(t -> out.add(t.path("id").asLong()));
        return out;
    }
}
