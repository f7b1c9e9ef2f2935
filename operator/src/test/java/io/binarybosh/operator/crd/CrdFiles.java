package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the build puts the generated CRD, where the committed copy lives, and how to read them. */
final class CrdFiles {

    static final String FILE_NAME = "binaryboshpairs.binarybosh.io-v1.yml";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CrdFiles() {
    }

    static Path generated() {
        return Path.of(System.getProperty("generatedCrd", "target/classes/META-INF/fabric8/" + FILE_NAME));
    }

    static Path committedDirectory() {
        return Path.of(System.getProperty("committedCrdDir", "../crds"));
    }

    static Path committed() {
        return committedDirectory().resolve(FILE_NAME);
    }

    static JsonNode committedCrd() throws IOException {
        return YAML.readTree(committed().toFile());
    }

    /** The openAPIV3Schema of the only version. */
    static JsonNode schema() throws IOException {
        return committedCrd().at("/spec/versions/0/schema/openAPIV3Schema");
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
