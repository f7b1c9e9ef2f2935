package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the committed CRD accepts and refuses, checked as the API server checks it (OpenAPI and CEL for real). */
class CrdSchemaValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode spec;
    private static JsonNode status;
    private final SchemaValidator validator = new SchemaValidator();

    @BeforeAll
    static void read() throws IOException {
        JsonNode schema = YAML.readTree(ProjectFiles.crd().toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
        spec = schema.at("/properties/spec");
        status = schema.at("/properties/status");
    }

    @Test
    void everyCelRuleCompiles() {
        validator.compileRules(spec);
        assertThat(spec.toString().split("x-kubernetes-validations", -1)).hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pair-with-micro.yaml", "pair-without-micro.yaml"})
    void examplesPass(String file) {
        SchemaValidator.Result result = validator.validate(spec, example(file).get("spec"), "spec");
        assertThat(result.errors()).isEmpty();
        assertThat(result.unknownFields()).isEmpty();
    }

    @Test
    void aMinimalPairPasses() {
        ObjectNode pair = example("pair-with-micro.yaml");
        ObjectNode body = (ObjectNode) pair.get("spec");
        body.remove(List.of("bootstrap", "resurrection", "health", "approval"));
        ((ObjectNode) body.get("primary")).remove(List.of("storePath", "manifestRef"));
        assertThat(validator.validate(spec, body, "spec").errors()).isEmpty();
    }

    @Test
    void omittedTimingsCountWithTheirDefaults() {
        ObjectNode body = (ObjectNode) example("pair-without-micro.yaml").get("spec");
        body.putObject("health").put("unreachableAfterSeconds", 20);
        assertThat(validator.validate(spec, body, "spec").errors()).as("20 s is above the default 15 s poll "
                + "and below the default 300 s before a recreate").isEmpty();
    }

    @Test
    void undeclaredFieldsArePrunedAndNamed() {
        ObjectNode body = (ObjectNode) example("pair-with-micro.yaml").get("spec");
        obj(body, "primary").put("deploymnet", "x");
        SchemaValidator.Result result = validator.validate(spec, body, "spec");
        assertThat(result.errors()).isEmpty();
        assertThat(result.unknownFields()).containsExactly("spec.primary.deploymnet");
        assertThat(result.pruned().at("/primary").has("deploymnet")).isFalse();
        assertThat(body.at("/primary").has("deploymnet")).as("the input is left alone").isTrue();
    }

    @Test
    void statusConditionsAreCheckedLikeMetaV1Conditions() throws IOException {
        JsonNode written = new ObjectMapper().readTree("""
                {"conditions":[
                  {"type":"Ready","status":"Maybe","reason":"R","message":"m","lastTransitionTime":"yesterday"},
                  {"type":"Ready","status":"True","reason":"R","message":"m","lastTransitionTime":"2026-11-25T10:00:00Z"},
                  {"type":"SpecValid","status":"True","reason":"R","lastTransitionTime":"2026-11-25T10:00:00Z"}]}
                """);
        assertThat(validator.validate(status, written, "status").errors()).extracting(FieldError::text)
                .containsExactlyInAnyOrder(
                        "status.conditions[0].status: Unsupported value: \"Maybe\": supported values: \"True\", "
                                + "\"False\", \"Unknown\"",
                        "status.conditions[0].lastTransitionTime: Invalid value: \"yesterday\": "
                                + "status.conditions[0].lastTransitionTime in body must be of type date-time: "
                                + "\"yesterday\"",
                        "status.conditions[1]: Duplicate value: map[\"type\":\"Ready\"]",
                        "status.conditions[2].message: Required value");
    }

    static Stream<Arguments> invalidPairs() {
        return Stream.of(
                invalid("primary missing", s -> s.remove("primary"), "spec.primary: Required value"),
                invalid("meta missing", s -> s.remove("meta"), "spec.meta: Required value"),
                invalid("url missing", s -> obj(s, "primary").remove("url"), "spec.primary.url: Required value"),
                invalid("deployment missing", s -> obj(s, "meta").remove("deployment"),
                        "spec.meta.deployment: Required value"),
                invalid("ca missing", s -> obj(s, "meta").remove("caSecretRef"),
                        "spec.meta.caSecretRef: Required value"),
                invalid("credentials missing", s -> obj(s, "primary").remove("credentialsSecretRef"),
                        "spec.primary.credentialsSecretRef: Required value"),
                invalid("http url", s -> obj(s, "primary").put("url", "http://10.10.0.4:25555"),
                        "spec.primary.url: Invalid value: \"http://10.10.0.4:25555\": spec.primary.url in body "
                                + "should match '^https://"),
                invalid("url with path", s -> obj(s, "primary").put("url", "https://10.10.0.4:25555/info"),
                        "spec.primary.url: Invalid value: \"https://10.10.0.4:25555/info\""),
                invalid("url with user info", s -> obj(s, "meta").put("url", "https://admin:pw@10.10.0.5"),
                        "spec.meta.url in body should match"),
                invalid("deployment with space", s -> obj(s, "meta").put("deployment", "bosh meta"),
                        "spec.meta.deployment in body should match '^[A-Za-z0-9][A-Za-z0-9_.-]*$'"),
                invalid("deployment too long", s -> obj(s, "meta").put("deployment", "d".repeat(64)),
                        "spec.meta.deployment: Too long: may not be more than 63 bytes"),
                invalid("empty deployment", s -> obj(s, "meta").put("deployment", ""),
                        "spec.meta.deployment in body should be at least 1 chars long"),
                invalid("secret name with capitals", s -> obj(obj(s, "meta"), "caSecretRef").put("name", "Meta"),
                        "spec.meta.caSecretRef.name: Invalid value: \"Meta\""),
                invalid("relative store path", s -> obj(s, "primary").put("storePath", "var/vcap/store"),
                        "spec.primary.storePath in body should match"),
                invalid("same url", s -> obj(s, "meta").put("url", "https://10.10.0.4:25555"),
                        "spec: Invalid value: \"object\": primary and meta must be different directors"),
                invalid("same deployment", s -> obj(s, "meta").put("deployment", "bosh-primary"),
                        "spec: Invalid value: \"object\": primary and meta must have different deployment names"),
                invalid("micro equals primary", s -> obj(obj(s, "bootstrap"), "micro")
                        .put("url", "https://10.10.0.4:25555"), "bootstrap.micro must be a third director"),
                invalid("micro equals meta", s -> obj(obj(s, "bootstrap"), "micro")
                        .put("url", "https://10.10.0.5:25555"), "bootstrap.micro must be a third director"),
                invalid("micro without ssh", s -> obj(obj(s, "bootstrap"), "micro").remove("ssh"),
                        "spec.bootstrap.micro.ssh: Required value"),
                invalid("ssh without host key", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh")
                        .remove("hostKeySecretRef"), "spec.bootstrap.micro.ssh.hostKeySecretRef: Required value"),
                invalid("ssh port zero", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh").put("port", 0),
                        "spec.bootstrap.micro.ssh.port: Invalid value: 0: spec.bootstrap.micro.ssh.port in body "
                                + "should be greater than or equal to 1"),
                invalid("ssh port too high", s -> obj(obj(obj(s, "bootstrap"), "micro"), "ssh").put("port", 70000),
                        "spec.bootstrap.micro.ssh.port in body should be less than or equal to 65535"),
                invalid("bad approval", s -> s.put("approval", "Sometimes"),
                        "spec.approval: Unsupported value: \"Sometimes\": supported values: \"Automatic\", "
                                + "\"Manual\""),
                invalid("negative poll interval", s -> obj(s, "health").put("pollIntervalSeconds", -1),
                        "spec.health.pollIntervalSeconds: Invalid value: -1: spec.health.pollIntervalSeconds in "
                                + "body should be greater than or equal to 1"),
                invalid("unreachable before poll", s -> obj(s, "health").put("unreachableAfterSeconds", 5),
                        "spec.health: Invalid value: \"object\": unreachableAfterSeconds must be at least "
                                + "pollIntervalSeconds"),
                invalid("recreate before unreachable", s -> obj(s, "health").put("forceRecreateAfterSeconds", 30),
                        "forceRecreateAfterSeconds must be at least unreachableAfterSeconds"),
                // An omitted field counts with its default (15 s poll, 60 s unreachable), as after defaulting.
                invalid("unreachable before the default poll", s -> s.putObject("health")
                                .put("unreachableAfterSeconds", 10),
                        "unreachableAfterSeconds must be at least pollIntervalSeconds"),
                invalid("recreate before the default unreachable", s -> s.putObject("health")
                                .put("forceRecreateAfterSeconds", 30),
                        "forceRecreateAfterSeconds must be at least unreachableAfterSeconds"),
                invalid("percent above one", s -> obj(s, "resurrection").put("percentThreshold", 1.5),
                        "spec.resurrection.percentThreshold: Invalid value: 1.5: "
                                + "spec.resurrection.percentThreshold in body should be less than or equal to 1"),
                invalid("negative percent", s -> obj(s, "resurrection").put("percentThreshold", -0.1),
                        "spec.resurrection.percentThreshold in body should be greater than or equal to 0"),
                invalid("zero down jobs", s -> obj(s, "resurrection").put("minimumDownJobs", 0),
                        "spec.resurrection.minimumDownJobs in body should be greater than or equal to 1"),
                invalid("fractional poll interval", s -> obj(s, "health").put("pollIntervalSeconds", 1.5),
                        "spec.health.pollIntervalSeconds: Invalid value: \"number\": "
                                + "spec.health.pollIntervalSeconds in body must be of type integer: \"number\""),
                invalid("text for a number", s -> obj(s, "health").put("pollIntervalSeconds", "15"),
                        "spec.health.pollIntervalSeconds in body must be of type integer: \"string\""),
                invalid("text for a flag", s -> obj(s, "health").put("cancelStuckTasks", "yes"),
                        "spec.health.cancelStuckTasks in body must be of type boolean: \"string\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPairs")
    void invalidPairIsRejected(String name, Consumer<ObjectNode> mutation, String expectedError) {
        ObjectNode body = (ObjectNode) example("pair-with-micro.yaml").get("spec");
        mutation.accept(body);
        assertThat(validator.validate(spec, body, "spec").errors()).extracting(FieldError::text)
                .anySatisfy(error -> assertThat(error).contains(expectedError));
    }

    private static Arguments invalid(String name, Consumer<ObjectNode> mutation, String expectedError) {
        return Arguments.of(name, mutation, expectedError);
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        return (ObjectNode) parent.get(field);
    }

    private static ObjectNode example(String file) {
        try {
            return (ObjectNode) YAML.readTree(ProjectFiles.root().resolve("crds/examples").resolve(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
