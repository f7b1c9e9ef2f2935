package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a value against the structural OpenAPI subset our CRD uses, CEL rules included, as a real API server
 * would (the test API server validates nothing). Unknown fields are reported too: a real API server would
 * silently prune them, which hides typos.
 */
final class SchemaValidator {

    private final CelRules cel = new CelRules();

    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        validate(schema, value, "", errors);
        return errors;
    }

    private void validate(JsonNode schema, JsonNode value, String path, List<String> errors) {
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> validateObject(schema, value, path, errors);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": must be an array");
                    return;
                }
                if (schema.has("maxItems") && value.size() > schema.get("maxItems").asLong()) {
                    errors.add(path + ": at most " + schema.get("maxItems").asLong() + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
                }
            }
            case "string" -> validateString(schema, value, path, errors);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(path + ": must be an integer");
                    return;
                }
                validateRange(schema, value.doubleValue(), path, errors);
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(path + ": must be a number");
                    return;
                }
                validateRange(schema, value.doubleValue(), path, errors);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": must be a boolean");
                }
            }
            default -> errors.add(path + ": schema has unsupported type '" + type + "'");
        }
        if (errors.isEmpty()) {
            for (JsonNode rule : schema.path("x-kubernetes-validations")) {
                if (!cel.holds(rule.get("rule").asText(), value)) {
                    errors.add(path + ": " + rule.get("message").asText());
                }
            }
        }
    }

    private void validateObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(path + ": must be an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + "." + required.asText() + ": Required value");
            }
        }
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!properties.has(field.getKey())) {
                if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    errors.add(path + "." + field.getKey() + ": unknown field");
                }
                continue;
            }
            validate(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), errors);
        }
    }

    private static void validateString(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(path + ": must be a string");
            return;
        }
        String text = value.asText();
        if (schema.has("enum")) {
            boolean allowed = false;
            for (JsonNode option : schema.get("enum")) {
                allowed |= option.asText().equals(text);
            }
            if (!allowed) {
                errors.add(path + ": Unsupported value: \"" + text + "\"");
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(path + ": should match '" + schema.get("pattern").asText() + "'");
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asLong()) {
            errors.add(path + ": at least " + schema.get("minLength").asLong() + " characters");
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asLong()) {
            errors.add(path + ": at most " + schema.get("maxLength").asLong() + " characters");
        }
    }

    private static void validateRange(JsonNode schema, double number, String path, List<String> errors) {
        if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
            errors.add(path + ": should be greater than or equal to " + schema.get("minimum").asText());
        }
        if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
            errors.add(path + ": should be less than or equal to " + schema.get("maximum").asText());
        }
    }
}
