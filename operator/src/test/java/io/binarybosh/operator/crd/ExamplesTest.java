package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.reconcile.SecretReferences;
import io.binarybosh.operator.validate.SpecValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in crds/examples are valid for the operator, Secrets present (e2e's CrdSchemaValidationTest: the schema). */
class ExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pair-with-micro.yaml", "pair-without-micro.yaml"})
    void exampleIsValid(String file) throws Exception {
        Path examples = CrdFiles.committedDirectory().resolve("examples");
        List<JsonNode> documents = CrdFiles.documents(examples.resolve(file));
        assertThat(documents).hasSize(1);
        JsonNode pair = documents.get(0);
        assertThat(pair.get("apiVersion").asText()).isEqualTo("binarybosh.io/v1alpha1");
        assertThat(pair.get("kind").asText()).isEqualTo("BinaryBoshPair");

        BinaryBoshPair typed = CrdFiles.YAML.treeToValue(pair, BinaryBoshPair.class);
        assertThat(new SpecValidator().validate(typed.getSpec())).isEmpty();

        Map<String, JsonNode> secrets = new HashMap<>();
        for (JsonNode secret : CrdFiles.documents(examples.resolve("secrets.yaml"))) {
            secrets.put(secret.at("/metadata/name").asText(), secret);
        }
        for (String name : SecretReferences.of(typed.getSpec())) {
            assertThat(secrets).as("secrets.yaml defines every Secret %s references", file).containsKey(name);
        }
    }
}
