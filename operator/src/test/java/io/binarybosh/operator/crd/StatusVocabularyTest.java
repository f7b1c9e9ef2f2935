package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.binarybosh.operator.decide.OperationTypes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD's explain text names what the operator writes, all of it and nothing else. */
class StatusVocabularyTest {

    @Test
    void everyOperationWordIsListedOnce() throws Exception {
        List<String> constants = new ArrayList<>();
        for (var field : OperationTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        List<String> listed = new ArrayList<>(StatusVocabulary.operationTypes());
        listed.addAll(StatusVocabulary.operationSteps());
        listed.addAll(StatusVocabulary.operationResults());
        listed.addAll(List.of(OperationTypes.SCAN_TASK, OperationTypes.RESOLVE_TASK, OperationTypes.SCAN_AND_FIX_TASK));
        assertThat(listed).as("a new type, step or result of OperationTypes goes into StatusVocabulary")
                .containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void thePhasesAreThoseStatusCalculatorDecides() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/binarybosh/operator/reconcile/StatusCalculator.java"));
        String decided = source.substring(source.indexOf("private static String decidedPhase("));
        decided = decided.substring(0, decided.indexOf("\n    }\n"));
        Set<String> phases = new HashSet<>();
        Matcher literal = Pattern.compile("return \"([A-Za-z]+)\"|\\? \"([A-Za-z]+)\" : \"([A-Za-z]+)\"")
                .matcher(decided);
        while (literal.find()) {
            for (int group = 1; group <= 3; group++) {
                if (literal.group(group) != null) {
                    phases.add(literal.group(group));
                }
            }
        }
        // The two phases of an invalid or not yet observed pair pass through decidedPhase unchanged.
        phases.addAll(Arrays.asList("Invalid", "Pending"));
        assertThat(StatusVocabulary.phases()).containsExactlyInAnyOrderElementsOf(phases);
    }

    @Test
    void theCrdNamesNoWordTheOperatorNeverWrites() throws Exception {
        String crd = Files.readString(CrdFiles.committed());
        assertThat(crd).doesNotContain("RecreatePrimary", "Quiesce", "CopyStore", "Observing");
        JsonNode status = new ObjectMapper(new YAMLFactory()).readTree(CrdFiles.committed().toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties");
        assertThat(status.at("/operation/properties/type/description").asText())
                .isEqualTo("What the operation does: Repair, UnpauseResurrection, CancelStuckTask, Deploy, FenceMicro "
                        + "or Migration.");
        assertThat(status.at("/operation/properties/step/description").asText())
                .contains(StatusVocabulary.oneOf(StatusVocabulary.operationSteps()));
        assertThat(status.at("/phase/description").asText())
                .contains(StatusVocabulary.oneOf(StatusVocabulary.phases()));
    }
}
