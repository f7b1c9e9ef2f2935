package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRD's explain text names what the operator writes, all of it and nothing else. */
class StatusVocabularyTest {

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
}
