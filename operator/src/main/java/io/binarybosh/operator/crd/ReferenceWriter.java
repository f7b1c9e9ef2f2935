package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the generated parts of {@code docs/reference.md} from the CRD, so that every field's type, limits and
 * description are said once, in the model: between {@code <!-- BEGIN GENERATED: name -->} and
 * {@code <!-- END GENERATED: name -->} it puts the table {@code name} ({@code columns}, {@code spec},
 * {@code status}, {@code rules}; {@code conditions} and {@code operations} from the model's enums); the text
 * around the markers is left as written.
 *
 * <p>{@code bin/update-crd} runs it: {@code ReferenceWriter <crd.yml> <reference.md>}. ReferenceFileTest checks
 * that the committed file is what it would write.
 */
public final class ReferenceWriter {

    private final JsonNode version;

    public ReferenceWriter(JsonNode crd) {
        this.version = crd.path("spec").path("versions").path(0);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReferenceWriter <crd.yml> <reference.md>");
        }
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(Path.of(args[0]).toFile());
        Path reference = Path.of(args[1]);
        Files.writeString(reference, new ReferenceWriter(crd).update(Files.readString(reference)));
    }

    /** The document with every generated region rewritten; fails on a region this writer does not know. */
    public String update(String document) {
        return GeneratedRegions.rewrite(document, this::region);
    }

    private String region(String name) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
        return switch (name) {
            case "columns" -> columns();
            case "spec" -> fields("spec", schema.path("spec"));
            case "status" -> fields("status", schema.path("status"));
            case "rules" -> rules(schema.path("spec"), "spec");
            case "conditions" -> StatusTables.conditions();
            case "operations" -> StatusTables.operations();
            default -> throw new IllegalArgumentException("unknown generated region '" + name + "'");
        };
    }

    private String columns() {
        StringBuilder table = new StringBuilder("| column | value | meaning |\n| --- | --- | --- |\n");
        for (JsonNode column : version.path("additionalPrinterColumns")) {
            table.append("| ").append(column.path("name").asText()).append(" | `")
                    .append(column.path("jsonPath").asText()).append("` | ")
                    .append(cell(column.path("description").asText())).append(" |\n");
        }
        return table.toString();
    }

    private static String fields(String root, JsonNode schema) {
        StringBuilder table = new StringBuilder("| field | type | description |\n| --- | --- | --- |\n");
        List<String[]> rows = new ArrayList<>();
        collect(root, schema, false, rows);
        for (String[] row : rows) {
            table.append("| `").append(row[0]).append("` | ").append(row[1]).append(" | ").append(row[2])
                    .append(" |\n");
        }
        return table.toString();
    }

    private static void collect(String path, JsonNode schema, boolean required, List<String[]> rows) {
        rows.add(new String[]{path, type(schema, required), cell(schema.path("description").asText(""))});
        JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
        String prefix = schema.path("type").asText().equals("array") ? path + "[]." : path + ".";
        Set<String> requiredFields = new HashSet<>();
        object.path("required").forEach(field -> requiredFields.add(field.asText()));
        for (Map.Entry<String, JsonNode> property : object.path("properties").properties()) {
            collect(prefix + property.getKey(), property.getValue(), requiredFields.contains(property.getKey()),
                    rows);
        }
    }

    private static String type(JsonNode schema, boolean required) {
        String type = schema.path("type").asText("object");
        if (type.equals("array")) {
            type = "array of " + schema.path("items").path("type").asText("object");
        }
        List<String> facts = new ArrayList<>();
        if (schema.has("format")) {
            facts.add(schema.path("format").asText());
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(value -> values.add("`" + value.asText() + "`"));
            facts.add("one of " + String.join(", ", values));
        }
        if (schema.has("minimum") || schema.has("maximum")) {
            facts.add(number(schema.path("minimum")) + "–" + number(schema.path("maximum")));
        }
        if (schema.has("maxLength")) {
            facts.add("at most " + schema.path("maxLength").asInt() + " characters");
        }
        if (schema.has("maxItems")) {
            facts.add("at most " + schema.path("maxItems").asInt() + " items");
        }
        if (schema.has("pattern")) {
            facts.add("pattern-checked");
        }
        if (schema.has("default")) {
            facts.add("default `" + (schema.path("default").isTextual() ? schema.path("default").asText()
                    : schema.path("default").toString()) + "`");
        }
        return (required ? "**required** " : "") + type + (facts.isEmpty() ? "" : " (" + String.join("; ", facts)
                + ")");
    }

    private static String number(JsonNode value) {
        return value.isMissingNode() ? "" : Long.toString(value.asLong());
    }

    /** The CEL rules the API server enforces, with the message it answers. */
    private static String rules(JsonNode schema, String path) {
        List<String[]> rows = new ArrayList<>();
        collectRules(schema, path, rows);
        StringBuilder table = new StringBuilder("| on | refused when not | message |\n| --- | --- | --- |\n");
        for (String[] row : rows) {
            table.append("| `").append(row[0]).append("` | `").append(cell(row[1])).append("` | ")
                    .append(cell(row[2])).append(" |\n");
        }
        return table.toString();
    }

    private static void collectRules(JsonNode schema, String path, List<String[]> rows) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rows.add(new String[]{path, rule.path("rule").asText(), rule.path("message").asText()});
        }
        JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
        String prefix = schema.path("type").asText().equals("array") ? path + "[]." : path + ".";
        for (Map.Entry<String, JsonNode> property : object.path("properties").properties()) {
            collectRules(property.getValue(), prefix + property.getKey(), rows);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").trim();
    }
}
