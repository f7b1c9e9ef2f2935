package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded API honours {@code metadata.resourceVersion} on writes of a custom resource and of its status
 * subresource as kube-apiserver does, and its foreign writer makes every other status write's first attempt stale.
 */
class ResourceVersionPreconditionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIRS_PATH = "/apis/binarybosh.io/v1alpha1/namespaces/default/binaryboshpairs/";
    private static final ResourceDefinitionContext PAIRS = new ResourceDefinitionContext.Builder()
            .withGroup("binarybosh.io").withVersion("v1alpha1").withPlural("binaryboshpairs").withKind("BinaryBoshPair")
            .withNamespaced(true).build();

    private static KubectlCompatibleApiServer api;
    private static KubernetesClient client;
    private static int pairs;
    private final HttpClient http = HttpClient.newHttpClient();
    /** This test's own pair. */
    private String name;
    private String pairPath;

    @BeforeAll
    static void api() throws IOException {
        api = KubectlCompatibleApiServer.start();
        client = api.client();
        try (InputStream crd = new FileInputStream(ProjectFiles.crd().toFile())) {
            CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions().load(crd)
                    .item();
            client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
        }
    }

    @BeforeEach
    void pair() throws IOException {
        GenericKubernetesResource pair;
        try (InputStream example = new FileInputStream(
                ProjectFiles.root().resolve("crds/examples/pair-without-micro.yaml").toFile())) {
            pair = client.getKubernetesSerialization().unmarshal(example, GenericKubernetesResource.class);
        }
        name = "bosh-" + (++pairs);
        pairPath = PAIRS_PATH + name;
        pair.getMetadata().setName(name);
        client.genericKubernetesResources(PAIRS).inNamespace("default").resource(pair).create();
    }

    @AfterEach
    void storeStillIndexed() {
        assertThat(api.namedReadsIndexed()).as("every write's key, a custom resource's and its status's, indexed")
                .isTrue();
    }

    @AfterAll
    static void close() {
        client.close();
        api.close();
    }

    @Test
    void aStatusUpdateBasedOnAnOlderVersionIsRefusedWithTheApiServersConflict() throws Exception {
        ObjectNode read = get();
        String readVersion = read.path("metadata").path("resourceVersion").asText();
        annotate("person", "was-here");

        HttpResponse<String> refused = send("PUT", pairPath + "/status", "application/json", withPhase(read, "Stale"));

        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode status = JSON.readTree(refused.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Conflict");
        assertThat(status.path("message").asText()).isEqualTo("Operation cannot be fulfilled on "
                + "binaryboshpairs.binarybosh.io \"" + name + "\": the object has been modified; please apply your "
                + "changes to the latest version and try again");
        assertThat(status.at("/details/kind").asText()).isEqualTo("binaryboshpairs");
        assertThat(get().path("status").path("phase").asText()).as("nothing written").isEmpty();
        assertThat(get().path("metadata").path("resourceVersion").asText()).isNotEqualTo(readVersion);

        HttpResponse<String> current = send("PUT", pairPath + "/status", "application/json", withPhase(get(), "Fresh"));
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(get().path("status").path("phase").asText()).isEqualTo("Fresh");
    }

    @Test
    void anUpdateOfTheWholeObjectBasedOnAnOlderVersionIsRefusedAndOneWithoutAVersionIsInvalid() throws Exception {
        ObjectNode read = get();
        annotate("person", "was-here");
        assertThat(send("PUT", pairPath, "application/json", read).statusCode()).isEqualTo(409);

        ((ObjectNode) read.path("metadata")).remove("resourceVersion");
        HttpResponse<String> invalid = send("PUT", pairPath, "application/json", read);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).path("message").asText()).isEqualTo("BinaryBoshPair.binarybosh.io "
                + "\"" + name + "\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an "
                + "update");
    }

    @Test
    void aMergePatchIsAppliedToTheStoredObjectUnlessItNamesAnotherVersion() throws Exception {
        String stale = get().path("metadata").path("resourceVersion").asText();
        annotate("person", "was-here");

        assertThat(send("PATCH", pairPath + "/status", "application/merge-patch+json", JSON.readTree(
                "{\"status\":{\"phase\":\"Patched\"}}")).statusCode()).as("no version: applied").isLessThan(300);
        assertThat(get().path("status").path("phase").asText()).isEqualTo("Patched");

        HttpResponse<String> refused = send("PATCH", pairPath + "/status", "application/merge-patch+json",
                JSON.readTree("{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"status\":{\"phase\":\"Stale\"}}"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).path("reason").asText()).isEqualTo("Conflict");
        assertThat(get().path("status").path("phase").asText()).isEqualTo("Patched");

        String jsonPatch = "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + stale + "\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"b\"}}]";
        assertThat(send("PATCH", pairPath, "application/json-patch+json", JSON.readTree(jsonPatch)).statusCode())
                .isEqualTo(409);
    }

    @Test
    void theForeignWriterMakesTheFirstAttemptOfEveryStatusWriteStale() throws Exception {
        api.foreignWriterBeforeStatusWrites(true);
        try {
            for (String phase : new String[] {"One", "Two"}) {
                assertThat(send("PUT", pairPath + "/status", "application/json", withPhase(get(), phase))
                        .statusCode()).as("the first attempt of " + phase).isEqualTo(409);
                assertThat(send("PUT", pairPath + "/status", "application/json", withPhase(get(), phase))
                        .statusCode()).as("the second, read again").isEqualTo(200);
                assertThat(get().path("status").path("phase").asText()).isEqualTo(phase);
            }
        } finally {
            api.foreignWriterBeforeStatusWrites(false);
        }
        assertThat(api.foreignChanges()).isEqualTo(2);
        assertThat(get().at("/metadata/annotations").path("e2e.binarybosh.io/foreign-write").asText()).isEqualTo("2");
        assertThat(api.requests()).filteredOn(r -> r.path().equals(pairPath + "/status")).extracting(ApiRequest::code)
                .containsExactly(409, 200, 409, 200);
        assertThat(send("PUT", pairPath + "/status", "application/json", withPhase(get(), "Three")).statusCode())
                .as("switched off").isEqualTo(200);
    }

    private ObjectNode get() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.url() + pairPath)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (ObjectNode) JSON.readTree(response.body());
    }

    private void annotate(String key, String value) throws Exception {
        assertThat(send("PATCH", pairPath, "application/merge-patch+json", JSON.readTree(
                "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}")).statusCode()).isLessThan(300);
    }

    private static ObjectNode withPhase(ObjectNode pair, String phase) {
        ObjectNode copy = pair.deepCopy();
        copy.putObject("status").put("phase", phase);
        return copy;
    }

    private HttpResponse<String> send(String method, String path, String contentType, JsonNode body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
