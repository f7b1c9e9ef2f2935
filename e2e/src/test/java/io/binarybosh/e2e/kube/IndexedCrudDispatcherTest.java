package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Named reads through the index of stored keys by name answer as fabric8's scan of every object would. */
class IndexedCrudDispatcherTest {

    private final KubectlCompatibleApiServer api = KubectlCompatibleApiServer.start();
    private final KubernetesClient client = api.client();

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private ConfigMap map(String namespace, String name, String value, Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .endMetadata().withData(Map.of("value", value)).build();
    }

    @Test
    void aNamedReadSeesEveryChangeOfItsObjectAndNoOtherObject() {
        client.configMaps().inNamespace("a").resource(map("a", "one", "1", Map.of())).create();
        client.configMaps().inNamespace("b").resource(map("b", "one", "b1", Map.of())).create();
        client.secrets().inNamespace("a").resource(new SecretBuilder().withNewMetadata().withNamespace("a")
                .withName("one").endMetadata().withData(Map.of("k", "dg==")).build()).create();
        assertThat(client.configMaps().inNamespace("a").withName("one").get().getData()).containsEntry("value", "1");

        client.configMaps().inNamespace("a").withName("one").edit(m -> map("a", "one", "2", Map.of()));
        assertThat(client.configMaps().inNamespace("a").withName("one").get().getData())
                .as("read again after a change").containsEntry("value", "2");

        // a label is part of the key the mock stores an object under: the remembered key no longer holds it
        client.configMaps().inNamespace("a").withName("one").edit(m -> map("a", "one", "3", Map.of("tier", "x")));
        ConfigMap labelled = client.configMaps().inNamespace("a").withName("one").get();
        assertThat(labelled.getData()).containsEntry("value", "3");
        assertThat(labelled.getMetadata().getLabels()).containsEntry("tier", "x");

        assertThat(client.configMaps().inNamespace("b").withName("one").get().getData())
                .as("the same name in another namespace").containsEntry("value", "b1");
        Secret secret = client.secrets().inNamespace("a").withName("one").get();
        assertThat(secret.getData()).as("the same name and namespace, another kind").containsKey("k");

        client.configMaps().inNamespace("a").withName("one").delete();
        assertThat(client.configMaps().inNamespace("a").withName("one").get()).as("deleted").isNull();
        assertThat(client.configMaps().inNamespace("a").list().getItems()).isEmpty();
        client.configMaps().inNamespace("a").resource(map("a", "one", "again", Map.of())).create();
        assertThat(client.configMaps().inNamespace("a").withName("one").get().getData())
                .as("created again").containsEntry("value", "again");
        assertThatThrownBy(() -> client.configMaps().inNamespace("a").resource(map("a", "one", "x", Map.of()))
                .create()).as("a create finds what exists").isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void readsDuringWritesNeverMissTheObject() throws Exception {
        // Straight at the dispatcher, without HTTP: a store's update removes the object under its old key before it
        // puts it under the new one, and only tight loops meet that moment often.
        IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
        String collection = "/api/v1/namespaces/a/configmaps";
        String path = collection + "/busy";
        assertThat(crud.handleCreate(request(HttpMethod.POST, collection, "0", false)).code()).isEqualTo(201);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int i = 1; i <= 20_000; i++) {
                    assertThat(crud.handleUpdate(request(HttpMethod.PUT, path, String.valueOf(i), i % 2 == 0)).code())
                            .isEqualTo(200);
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    int missed = 0;
                    while (!writer.isDone()) {
                        if (crud.handleGet(path).code() != 200) {
                            missed++;
                        }
                    }
                    return missed;
                }));
            }
            writer.get();
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).as("reads that found no object while it was being changed").isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(crud.handleGet(path).getBody().readUtf8()).contains("\"value\":\"20000\"");
    }

    @Test
    void everyKindOfChangeKeepsTheIndexWholeAndItsAnswersFabric8s() {
        IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
        String collection = "/api/v1/namespaces/a/configmaps";
        for (int i = 0; i < 50; i++) {
            assertThat(crud.handleCreate(request(HttpMethod.POST, collection, "a", "m" + i, String.valueOf(i), false))
                    .code()).isEqualTo(201);
        }
        assertThat(crud.handleCreate(request(HttpMethod.POST, collection, "a", "m7", "again", false)).code())
                .as("a create of a name held").isEqualTo(409);
        assertThat(crud.handleUpdate(request(HttpMethod.PUT, collection + "/m7", "a", "m7", "put", true)).code())
                .isEqualTo(200);
        RecordedRequest patch = new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, collection + "/m8",
                Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
                new Buffer("{\"data\":{\"value\":\"patched\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(crud.handlePatch(patch).code()).as("fabric8 answers 202").isBetween(200, 299);
        assertThat(crud.handleDelete(collection + "/m9").code()).isBetween(200, 299);
        assertThat(crud.handleCreate(request(HttpMethod.POST, "/api/v1/namespaces/b/configmaps", "b", "m7", "b", false))
                .code()).as("the same name in another namespace").isEqualTo(201);

        assertThat(crud.indexed()).as("every change's key known to the index").isTrue();
        assertThat(crud.handleGet(collection + "/m7").getBody().readUtf8()).contains("\"value\":\"put\"");
        assertThat(crud.handleGet(collection + "/m8").getBody().readUtf8()).contains("\"value\":\"patched\"");
        assertThat(crud.handleGet(collection + "/m9").code()).as("deleted").isEqualTo(404);
        assertThat(crud.handleGet("/api/v1/namespaces/b/configmaps/m7").getBody().readUtf8())
                .contains("\"value\":\"b\"");
        assertThat(crud.handleCreate(request(HttpMethod.POST, collection, "a", "m9", "back", false)).code())
                .as("a deleted name created again").isEqualTo(201);
        assertThat(crud.handleGet(collection + "/m9").getBody().readUtf8()).contains("\"value\":\"back\"");

        crud.reset();
        assertThat(crud.handleGet(collection + "/m7").code()).as("after a reset").isEqualTo(404);
        assertThat(crud.indexed()).isTrue();
    }

    /** A ConfigMap {@code busy} of namespace {@code a} holding {@code value}, labelled on every other write. */
    private static RecordedRequest request(HttpMethod method, String path, String value, boolean labelled) {
        return request(method, path, "a", "busy", value, labelled);
    }

    /** A ConfigMap {@code name} of {@code namespace} holding {@code value}, labelled when asked. */
    private static RecordedRequest request(HttpMethod method, String path, String namespace, String name, String value,
                                           boolean labelled) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\","
                + "\"namespace\":\"" + namespace + "\"" + (labelled ? ",\"labels\":{\"even\":\"yes\"}" : "")
                + "},\"data\":{\"value\":\""
                + value + "\"}}";
        return new RecordedRequest("HTTP/1.1", method, path, Headers.builder().add("Content-Type", "application/json")
                .build(), new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
