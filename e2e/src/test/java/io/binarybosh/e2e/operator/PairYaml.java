package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;

/** Manifests a user would apply with kubectl: a pair of the world's Primary and Meta, Secrets, ConfigMaps. */
final class PairYaml {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private PairYaml() {
    }

    /**
     * The pair {@code name} watching the world's Primary and Meta through the Secrets {@link #directorSecret} makes,
     * polled every second, changed by {@code customize} (which gets the spec).
     */
    static String pair(World world, String name, Consumer<ObjectNode> customize) {
        ObjectNode pair = JSON.createObjectNode().put("apiVersion", "binarybosh.io/v1alpha1")
                .put("kind", "BinaryBoshPair");
        pair.putObject("metadata").put("name", name).put("namespace", OperatorUnderTest.NAMESPACE);
        ObjectNode spec = pair.putObject("spec");
        spec.set("primary", director(world.endpoint("primary")));
        spec.set("meta", director(world.endpoint("meta")));
        spec.putObject("health").put("pollIntervalSeconds", 1).put("unreachableAfterSeconds", 1)
                .put("forceRecreateAfterSeconds", 2);
        customize.accept(spec);
        return yaml(pair);
    }

    static ObjectNode director(DirectorEndpoint endpoint) {
        ObjectNode director = JSON.createObjectNode().put("url", endpoint.url())
                .put("deployment", endpoint.deployment() == null ? endpoint.key() : endpoint.deployment());
        director.putObject("caSecretRef").put("name", endpoint.key() + "-director");
        director.putObject("credentialsSecretRef").put("name", endpoint.key() + "-director");
        return director;
    }

    /** The Secret {@code <key>-director} with the director's CA and credentials, as a user writes it. */
    static String directorSecret(DirectorEndpoint endpoint) {
        return secret(endpoint.key() + "-director", Map.of("ca.crt", endpoint.caCert(), "client", endpoint.client(),
                "clientSecret", endpoint.clientSecret()));
    }

    static String secret(String name, Map<String, String> stringData) {
        return namespaced("Secret", name, "stringData", stringData);
    }

    static String configMap(String name, Map<String, String> data) {
        return namespaced("ConfigMap", name, "data", data);
    }

    private static String namespaced(String kind, String name, String field, Map<String, String> values) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        object.putObject("metadata").put("name", name).put("namespace", OperatorUnderTest.NAMESPACE);
        ObjectNode data = object.putObject(field);
        values.forEach(data::put);
        return yaml(object);
    }

    static ObjectNode obj(ObjectNode parent, String field) {
        return parent.has(field) ? (ObjectNode) parent.get(field) : parent.putObject(field);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
