package io.binarybosh.e2e.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.binarybosh.e2e.kube.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Dockerfile for users' pipelines makes the image bin/image assembles: same layers, user, environment, entrypoint. */
class DockerfileMatchesImageTest {

    @Test
    void theDockerfileCopiesTheSameLayersAndSetsTheSameConfiguration() throws IOException {
        String layout = System.getProperty("operatorImage");
        assumeTrue(layout != null, "the image is assembled with -Pimage (bin/test and bin/image pass it)");
        ImageConfig image = OciImage.read(Path.of(layout)).config();
        List<String> lines = Files.readAllLines(ProjectFiles.root().resolve("Dockerfile"));
        int scratch = lines.indexOf("FROM scratch");
        assertThat(scratch).as("a final stage FROM scratch").isPositive();
        List<String> finalStage = lines.subList(scratch + 1, lines.size());

        List<String> copied = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        String user = null;
        String workingDir = null;
        List<String> entrypoint = List.of();
        for (String line : finalStage) {
            String instruction = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
            String argument = line.substring(instruction.length()).trim();
            switch (instruction) {
                case "COPY" -> copied.add(argument.replaceAll(".*/layers/([a-z]+)/ /$", "$1"));
                case "USER" -> user = argument;
                case "WORKDIR" -> workingDir = argument;
                case "ENV" -> Arrays.stream(argument.split(" "))
                        .forEach(pair -> environment.put(pair.substring(0, pair.indexOf('=')),
                                pair.substring(pair.indexOf('=') + 1)));
                case "ENTRYPOINT" -> entrypoint = Arrays.asList(new ObjectMapper().readValue(argument, String[].class));
                default -> { }
            }
        }

        assertThat(copied).containsExactly("debian", "java", "lib", "app");
        try (var layers = Files.list(Path.of(layout).resolveSibling("layers"))) {
            assertThat(layers.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(copied);
        }
        assertThat(user).isEqualTo(image.user());
        assertThat(workingDir).isEqualTo(image.workingDir());
        assertThat(environment).isEqualTo(image.environment());
        assertThat(entrypoint).isEqualTo(image.entrypoint());
        assertThat(image.labels()).containsEntry("org.opencontainers.image.title", "binary-bosh-operator");
    }
}
