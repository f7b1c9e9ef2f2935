package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal pair, defaulted as the API server defaults it from the committed CRD, holds every value the operator
 * assumes for an omitted field: the stored object shows the effective settings.
 */
class CrdDefaultsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MINIMAL = """
            primary: {url: "https://10.0.0.6:25555", deployment: bosh-primary,
                      caSecretRef: {name: primary}, credentialsSecretRef: {name: primary}}
            meta: {url: "https://10.0.0.7:25555", deployment: bosh-meta,
                   caSecretRef: {name: meta}, credentialsSecretRef: {name: meta}}
            bootstrap:
              micro:
                url: "https://10.0.0.5:25555"
                caSecretRef: {name: micro}
                credentialsSecretRef: {name: micro}
                ssh: {host: 10.0.0.5, user: jumpbox, privateKeySecretRef: {name: micro-ssh},
                      hostKeySecretRef: {name: micro-ssh}}
              vmAccess: {}
            """;

    @Test
    void theDefaultedMinimalPairHoldsWhatTheOperatorAssumes() throws Exception {
        JsonNode schema = YAML.readTree(CrdFiles.committed().toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        ObjectNode defaulted = (ObjectNode) YAML.readTree(MINIMAL);
        applyDefaults(schema, defaulted);

        JsonNode assumed = JSON.valueToTree(YAML.readValue(MINIMAL, BinaryBoshPairSpec.class));
        List<String> missing = new ArrayList<>();
        compare("spec", assumed, defaulted, missing);
        SchemaDefaults.KEY_DEFAULTS.forEach((path, key) -> {
            JsonNode value = defaulted.at("/" + path.replace('.', '/'));
            if (!value.isTextual() || !value.asText().equals(key)) {
                missing.add("spec." + path + " = " + key);
            }
        });
        assertThat(missing).as("values the operator assumes that the CRD does not default").isEmpty();
        assertThat(defaulted.at("/health/pollIntervalSeconds").asInt()).isEqualTo(15);
        assertThat(defaulted.at("/resurrection/enabled").asBoolean()).isTrue();
        assertThat(defaulted.at("/approval").asText()).isEqualTo("Automatic");
    }

    /** Structural-schema defaulting: a missing field with a default gets it, then its own fields are defaulted. */
    private static void applyDefaults(JsonNode schema, ObjectNode object) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode field = property.getValue();
            if (!object.has(property.getKey()) && field.has("default")) {
                object.set(property.getKey(), field.get("default").deepCopy());
            }
            if (object.get(property.getKey()) instanceof ObjectNode child) {
                applyDefaults(field, child);
            }
        }
    }

    private static void compare(String path, JsonNode assumed, JsonNode defaulted, List<String> missing) {
        if (assumed.isObject()) {
            for (Map.Entry<String, JsonNode> field : assumed.properties()) {
                if (!field.getValue().isNull()) {
                    compare(path + "." + field.getKey(), field.getValue(), defaulted.path(field.getKey()), missing);
                }
            }
        } else if (!assumed.equals(defaulted) && !(assumed.isNumber() && assumed.asDouble() == defaulted.asDouble())) {
            missing.add(path + " = " + assumed);
        }
    }
}
