package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRD holds the names, columns, descriptions and required fields the design asks for, checked on the
 * YAML. What it accepts and refuses (OpenAPI and CEL, evaluated for real) is tested in e2e's CrdSchemaValidationTest.
 */
class CrdSchemaTest {

    private static JsonNode crd;
    private static JsonNode schema;

    @BeforeAll
    static void read() throws IOException {
        crd = CrdFiles.committedCrd();
        schema = CrdFiles.schema();
    }

    @Test
    void namesScopeAndSubresources() {
        assertThat(crd.at("/metadata/name").asText()).isEqualTo("binaryboshpairs.binarybosh.io");
        assertThat(crd.at("/spec/group").asText()).isEqualTo("binarybosh.io");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(crd.at("/spec/names/kind").asText()).isEqualTo("BinaryBoshPair");
        assertThat(crd.at("/spec/names/shortNames").toString()).isEqualTo("[\"bbp\"]");
        assertThat(crd.at("/spec/names/categories").toString()).isEqualTo("[\"bosh\"]");
        assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
        assertThat(crd.at("/spec/versions/0/served").asBoolean()).isTrue();
        assertThat(crd.at("/spec/versions/0/storage").asBoolean()).isTrue();
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
    }

    @Test
    void printerColumnsInOrder() {
        List<String> columns = new ArrayList<>();
        crd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> columns.add(
                c.get("name").asText() + "=" + c.get("jsonPath").asText()));
        assertThat(columns).containsExactly(
                "Phase=.status.phase",
                "Ready=.status.conditions[?(@.type==\"Ready\")].status",
                "Step=.status.operation.step",
                "Primary=.status.primary.state",
                "Meta=.status.meta.state",
                "Age=.metadata.creationTimestamp",
                "Reason=.status.conditions[?(@.type==\"Ready\")].reason",
                "Message=.status.conditions[?(@.type==\"Ready\")].message");
        List<Integer> priorities = new ArrayList<>();
        crd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> priorities.add(c.get("priority").asInt()));
        assertThat(priorities).as("Reason and Message only with -o wide").containsExactly(0, 0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void everyFieldHasADescription() {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema.get("properties"), "", undocumented);
        assertThat(undocumented).as("kubectl explain shows these without text").isEmpty();
    }

    private static void collectUndocumented(JsonNode properties, String path, List<String> undocumented) {
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            JsonNode property = field.getValue();
            if (!property.hasNonNull("description") || property.get("description").asText().isBlank()) {
                undocumented.add(fieldPath);
            }
            if (property.has("properties")) {
                collectUndocumented(property.get("properties"), fieldPath, undocumented);
            }
            if (property.path("items").has("properties")) {
                collectUndocumented(property.get("items").get("properties"), fieldPath + "[]", undocumented);
            }
        }
    }

    @Test
    void requiredFields() {
        assertThat(schema.at("/properties/spec/required").toString()).isEqualTo("[\"meta\",\"primary\"]");
        assertThat(schema.at("/properties/spec/properties/primary/required").toString())
                .isEqualTo("[\"caSecretRef\",\"credentialsSecretRef\",\"deployment\",\"url\"]");
        assertThat(schema.at("/properties/spec/properties/bootstrap/properties/micro/required").toString())
                .isEqualTo("[\"caSecretRef\",\"credentialsSecretRef\",\"ssh\",\"url\"]");
        assertThat(schema.at("/properties/spec/properties/bootstrap/properties/micro/properties/ssh/required")
                .toString()).isEqualTo("[\"host\",\"hostKeySecretRef\",\"privateKeySecretRef\",\"user\"]");
    }

    @Test
    void conditionsAreMetaV1Conditions() {
        JsonNode conditions = schema.at("/properties/status/properties/conditions");
        assertThat(conditions.get("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(conditions.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
        assertThat(conditions.at("/items/required").toString())
                .isEqualTo("[\"type\",\"status\",\"lastTransitionTime\",\"reason\",\"message\"]");
        assertThat(conditions.at("/items/properties/status/enum").toString())
                .isEqualTo("[\"True\",\"False\",\"Unknown\"]");
        assertThat(schema.at("/properties/status/properties/history/maxItems").asInt()).isEqualTo(20);
    }
}
