package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed CRD holds every rule the design asks for; checked on the YAML, CEL evaluated for real. */
class CrdSchemaTest {

    private static JsonNode crd;
    private static JsonNode schema;
    private final SchemaValidator validator = new SchemaValidator();

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
                "Primary=.status.primary.state",
                "Meta=.status.meta.state",
                "Age=.metadata.creationTimestamp");
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

    @Test
    void everyCelRuleCompiles() {
        List<String> rules = new ArrayList<>();
        collectRules(schema, rules);
        assertThat(rules).hasSizeGreaterThanOrEqualTo(5);
        CelRules cel = new CelRules();
        rules.forEach(cel::compiles);
    }

    private static void collectRules(JsonNode node, List<String> rules) {
        node.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.get("rule").asText()));
        node.path("properties").forEach(child -> collectRules(child, rules));
        if (node.has("items")) {
            collectRules(node.get("items"), rules);
        }
    }

    @Test
    void aFullValidPairPasses() {
        assertThat(validator.validate(schema, validPair())).isEmpty();
    }

    @Test
    void aMinimalPairPasses() {
        ObjectNode pair = validPair();
        ObjectNode spec = (ObjectNode) pair.get("spec");
        spec.remove(List.of("bootstrap", "resurrection", "health", "approval"));
        ((ObjectNode) spec.get("primary")).remove(List.of("storePath", "manifestRef"));
        assertThat(validator.validate(schema, pair)).isEmpty();
    }

    static Stream<Arguments> invalidPairs() {
        return Stream.of(
                invalid("primary missing", s -> s.remove("primary"), ".spec.primary: Required value"),
                invalid("meta missing", s -> s.remove("meta"), ".spec.meta: Required value"),
                invalid("url missing", s -> obj(s, "primary").remove("url"), ".spec.primary.url: Required value"),
                invalid("deployment missing", s -> obj(s, "meta").remove("deployment"),
                        ".spec.meta.deployment: Required value"),
                invalid("ca missing", s -> obj(s, "meta").remove("caSecretRef"),
                        ".spec.meta.caSecretRef: Required value"),
                invalid("credentials missing", s -> obj(s, "primary").remove("credentialsSecretRef"),
                        ".spec.primary.credentialsSecretRef: Required value"),
                invalid("http url", s -> obj(s, "primary").put("url", "http://10.10.0.4:25555"),
                        ".spec.primary.url: should match"),
                invalid("url with path", s -> obj(s, "primary").put("url", "https://10.10.0.4:25555/info"),
                        ".spec.primary.url: should match"),
                invalid("url with user info", s -> obj(s, "meta").put("url", "https://admin:pw@10.10.0.5"),
                        ".spec.meta.url: should match"),
                invalid("deployment with space", s -> obj(s, "meta").put("deployment", "bosh meta"),
                        ".spec.meta.deployment: should match"),
                invalid("deployment too long", s -> obj(s, "meta").put("deployment", "d".repeat(64)),
                        ".spec.meta.deployment: at most 63 characters"),
                invalid("secret name with capitals", s -> obj(obj(s, "meta"), "caSecretRef").put("name", "Meta"),
                        ".spec.meta.caSecretRef.name: should match"),
                invalid("relative store path", s -> obj(s, "primary").put("storePath", "var/vcap/store"),
                        ".spec.primary.storePath: should match"),
                invalid("same url", s -> obj(s, "meta").put("url", "https://10.10.0.4:25555"),
                        "primary and meta must be different directors"),
                invalid("same deployment", s -> obj(s, "meta").put("deployment", "bosh-primary"),
                        "primary and meta must have different deployment names"),
                invalid("micro equals primary", s -> obj(obj(s, "bootstrap"), "micro")
                        .put("url", "https://10.10.0.4:25555"), "bootstrap.micro must be a third director"),
                invalid("micro equals meta", s -> obj(obj(s, "bootstrap"), "micro")
                        .put("url", "https://10.10.0.5:25555"), "bootstrap.micro must be a third director"),
                invalid("micro without ssh", s -> obj(obj(s, "bootstrap"), "micro").remove("ssh"),
                        ".spec.bootstrap.micro.ssh: Required value"),
                invalid("ssh without host key", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh")
                        .remove("hostKeySecretRef"), ".spec.bootstrap.micro.ssh.hostKeySecretRef: Required value"),
                invalid("ssh port zero", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh").put("port", 0),
                        ".spec.bootstrap.micro.ssh.port: should be greater than or equal to 1"),
                invalid("ssh port too high", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh").put("port", 70000),
                        ".spec.bootstrap.micro.ssh.port: should be less than or equal to 65535"),
                invalid("bad approval", s -> s.put("approval", "Sometimes"),
                        ".spec.approval: Unsupported value"),
                invalid("negative poll interval", s -> obj(s, "health").put("pollIntervalSeconds", -1),
                        ".spec.health.pollIntervalSeconds: should be greater than or equal to 1"),
                invalid("unreachable before poll", s -> obj(s, "health").put("unreachableAfterSeconds", 5),
                        "unreachableAfterSeconds must be at least pollIntervalSeconds"),
                invalid("recreate before unreachable", s -> obj(s, "health").put("forceRecreateAfterSeconds", 30),
                        "forceRecreateAfterSeconds must be at least unreachableAfterSeconds"),
                invalid("percent above one", s -> obj(s, "resurrection").put("percentThreshold", 1.5),
                        ".spec.resurrection.percentThreshold: should be less than or equal to 1"),
                invalid("negative percent", s -> obj(s, "resurrection").put("percentThreshold", -0.1),
                        ".spec.resurrection.percentThreshold: should be greater than or equal to 0"),
                invalid("zero down jobs", s -> obj(s, "resurrection").put("minimumDownJobs", 0),
                        ".spec.resurrection.minimumDownJobs: should be greater than or equal to 1"),
                invalid("fractional poll interval", s -> obj(s, "health").put("pollIntervalSeconds", 1.5),
                        ".spec.health.pollIntervalSeconds: must be an integer"),
                invalid("typo in a field", s -> obj(s, "primary").put("deploymnet", "x"),
                        ".spec.primary.deploymnet: unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPairs")
    void invalidPairIsRejected(String name, Consumer<ObjectNode> mutation, String expectedError) {
        ObjectNode pair = validPair();
        mutation.accept((ObjectNode) pair.get("spec"));
        assertThat(validator.validate(schema, pair)).anySatisfy(error -> assertThat(error).contains(expectedError));
    }

    private static Arguments invalid(String name, Consumer<ObjectNode> mutation, String expectedError) {
        return Arguments.of(name, mutation, expectedError);
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        return (ObjectNode) parent.get(field);
    }

    /** The example pair with a Micro, as a user would apply it (metadata aside, which the schema does not cover). */
    static ObjectNode validPair() {
        try {
            ObjectNode pair = (ObjectNode) CrdFiles.documents(
                    CrdFiles.committedDirectory().resolve("examples/pair-with-micro.yaml")).get(0).deepCopy();
            pair.remove(List.of("apiVersion", "kind", "metadata"));
            return pair;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
