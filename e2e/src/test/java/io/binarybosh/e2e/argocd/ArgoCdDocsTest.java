package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.binarybosh.e2e.kube.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The argocd-cm snippet in docs/argocd.md carries exactly the scripts that the other tests run. */
class ArgoCdDocsTest {

    private static final String HEALTH_KEY = "resource.customizations.health.binarybosh.io_BinaryBoshPair";
    private static final String ACTIONS_KEY = "resource.customizations.actions.binarybosh.io_BinaryBoshPair";

    @Test
    void argocdCmSnippetHoldsTheChartScripts() throws IOException {
        String doc = Files.readString(ProjectFiles.root().resolve("docs/argocd.md"));
        String section = doc.substring(doc.indexOf("## `argocd-cm`"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        String snippet = section.substring(start, section.indexOf("\n```", start) + 1);
        YAMLMapper yaml = new YAMLMapper();
        JsonNode data = yaml.readTree(snippet).get("data");
        Path scripts = ArgoCdScripts.directory();

        assertThat(data.get(HEALTH_KEY).asText()).isEqualTo(Files.readString(scripts.resolve("health.lua")));
        JsonNode actions = yaml.readTree(data.get(ACTIONS_KEY).asText());
        assertThat(actions.get("discovery.lua").asText())
                .isEqualTo(Files.readString(scripts.resolve("actions/discovery.lua")));
        assertThat(actions.get("definitions")).hasSize(3).allSatisfy(definition -> assertThat(
                definition.get("action.lua").asText()).isEqualTo(Files.readString(
                scripts.resolve("actions/" + definition.get("name").asText() + "/action.lua"))));
    }
}
