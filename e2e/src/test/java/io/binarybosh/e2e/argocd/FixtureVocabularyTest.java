package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.kube.ProjectFiles;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.Phase;
import io.binarybosh.operator.model.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pairs the Argo CD scripts are tested on speak the operator's vocabulary: every condition type, reason and
 * phase in them is one the operator writes, so a script is never tested against a word that cannot occur.
 */
class FixtureVocabularyTest {

    @Test
    void everyFixtureNamesOnlyConditionTypesReasonsAndPhasesTheOperatorWrites() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("e2e/src/test/resources/argocd"))) {
            fixtures = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(fixtures).isNotEmpty();
        int conditions = 0;
        for (Path file : fixtures) {
            JsonNode status = ArgoCdScripts.fixture(file.getFileName().toString()).path("status");
            if (status.has("phase")) {
                assertThat(Phase.fromWire(status.path("phase").asText())).as(file + " phase").isPresent();
            }
            for (JsonNode condition : status.path("conditions")) {
                String type = condition.path("type").asText();
                assertThat(ConditionType.fromWire(type)).as(file + " condition type " + type).isPresent();
                String reason = condition.path("reason").asText();
                assertThat(Reason.fromWire(reason)).as(file + " " + type + " reason " + reason).isPresent();
                conditions++;
            }
        }
        assertThat(conditions).isPositive();
    }
}
