package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Phase;
import io.binarybosh.operator.model.Reason;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD's explain text names what the operator writes, all of it and nothing else. */
class StatusVocabularyTest {

    private static final Path ARGOCD = Path.of("../helm/binary-bosh-operator/argocd");

    @Test
    void theCrdNamesNoWordTheOperatorNeverWrites() throws Exception {
        String crd = Files.readString(CrdFiles.committed());
        assertThat(crd).doesNotContain("RecreatePrimary", "Quiesce", "CopyStore", "Observing");
        JsonNode status = new ObjectMapper(new YAMLFactory()).readTree(CrdFiles.committed().toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties");
        assertThat(status.at("/operation/properties/type/description").asText())
                .isEqualTo("What the operation does: " + StatusVocabulary.oneOf(StatusVocabulary.operationTypes())
                        + ".");
        assertThat(status.at("/operation/properties/step/description").asText())
                .contains(StatusVocabulary.oneOf(StatusVocabulary.operationSteps()));
        assertThat(status.at("/phase/description").asText())
                .contains(StatusVocabulary.oneOf(StatusVocabulary.phases()));
    }

    @Test
    void theCrdListsTheConditionTypesAndReasonsOfTheEnums() throws Exception {
        JsonNode conditions = new ObjectMapper(new YAMLFactory()).readTree(CrdFiles.committed().toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/conditions");

        assertThat(conditions.path("description").asText())
                .contains(String.join(", ", StatusVocabulary.conditionTypes()));
        assertThat(conditions.at("/items/properties/reason/description").asText())
                .contains(StatusVocabulary.oneOf(StatusVocabulary.conditionReasons()));
        assertThat(StatusVocabulary.conditionReasons()).contains(Reason.LOST.wire(), Reason.SECRET_NOT_FOUND.wire(),
                Reason.COPY_FAILED.wire()).doesNotContain(Reason.STEADY.wire(), Reason.REPAIR_STARTED.wire());
    }

    @Test
    void theArgoCdHealthScriptNamesOnlyConditionTypesTheOperatorWrites() throws Exception {
        String script = Files.readString(ARGOCD.resolve("health.lua"));
        Matcher named = Pattern.compile("(?:condition|isTrue)\\(\"([A-Za-z]+)\"\\)").matcher(script);
        int found = 0;
        while (named.find()) {
            assertThat(ConditionType.fromWire(named.group(1))).as(named.group(1)).isPresent();
            found++;
        }
        assertThat(found).isPositive();
    }

    /** A comparison of a status field with a quoted word, in any Lua script: {@code phase == "Lost"}. */
    private static final Pattern COMPARED = Pattern.compile("([A-Za-z_][A-Za-z_.]*)\\s*[=~]=\\s*\"([^\"]*)\"");

    @Test
    void everyWordTheArgoCdScriptsCompareAPhaseTypeOrReasonWithIsOneTheOperatorWrites() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(ARGOCD)) {
            scripts = files.filter(f -> f.toString().endsWith(".lua")).sorted().toList();
        }
        assertThat(scripts).extracting(f -> f.getFileName().toString()).contains("health.lua", "action.lua");
        int phases = 0;
        for (Path script : scripts) {
            Matcher compared = COMPARED.matcher(Files.readString(script));
            while (compared.find()) {
                String field = compared.group(1).substring(compared.group(1).lastIndexOf('.') + 1);
                String word = compared.group(2);
                String where = script.getFileName() + ": " + compared.group();
                switch (field) {
                    case "phase" -> {
                        assertThat(Phase.fromWire(word)).as(where).isPresent();
                        phases++;
                    }
                    case "reason" -> assertThat(Reason.fromWire(word)).as(where).isPresent();
                    case "type" -> assertThat(compared.group(1).startsWith("operation")
                            ? OperationType.fromWire(word).isPresent() : ConditionType.fromWire(word).isPresent())
                            .as(where).isTrue();
                    case "step" -> assertThat(OperationStep.fromWire(word)).as(where).isPresent();
                    default -> {
                        // annotations, a condition's True/False, empty strings: no word of the operator's enums
                    }
                }
            }
        }
        assertThat(phases).as("the health script looks at the phase").isPositive();
    }
}
