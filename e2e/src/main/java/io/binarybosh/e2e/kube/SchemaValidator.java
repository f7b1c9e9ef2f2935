package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a value against the structural OpenAPI v3 subset CRDs use (types, required, enum, pattern, lengths,
 * ranges, maxItems, date-time, map lists) and the x-kubernetes-validations CEL rules, worded as the API server
 * words them. Fields the schema does not declare are reported apart: the API server prunes them, or refuses them
 * when asked for strict field validation.
 */
final class SchemaValidator {

    /** What validation found, and the value with undeclared fields pruned. */
    record Result(List<FieldError> errors, List<String> unknownFields, JsonNode pruned) {
    }

    private final CelRules cel = new CelRules();

    Result validate(JsonNode schema, JsonNode value, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        JsonNode pruned = value.deepCopy();
        validate(schema, pruned, path, errors, unknown);
        return new Result(List.copyOf(errors), List.copyOf(unknown), pruned);
    }

    /** Fails when a rule in the schema does not compile. */
    void compileRules(JsonNode schema) {
        schema.path("x-kubernetes-validations").forEach(rule -> cel.compiles(rule.path("rule").asText()));
        schema.path("properties").forEach(this::compileRules);
        if (schema.has("items")) {
            compileRules(schema.get("items"));
        }
    }

    private void validate(JsonNode schema, JsonNode value, String path, List<FieldError> errors,
                          List<String> unknown) {
        int before = errors.size();
        String type = schema.path("type").asText();
        if (!hasType(type, value)) {
            errors.add(new FieldError("FieldValueTypeInvalid", path, "Invalid value: \"" + typeOf(value) + "\": "
                    + path + " in body must be of type " + type + ": \"" + typeOf(value) + "\""));
            return;
        }
        switch (type) {
            case "object" -> validateObject(schema, (ObjectNode) value, path, errors, unknown);
            case "array" -> validateArray(schema, value, path, errors, unknown);
            case "string" -> validateString(schema, value.asText(), path, errors);
            case "integer", "number" -> validateRange(schema, value, path, errors);
            default -> {
            }
        }
        if (errors.size() == before) {
            for (JsonNode rule : schema.path("x-kubernetes-validations")) {
                if (!cel.holds(rule.path("rule").asText(), value)) {
                    String field = rule.hasNonNull("fieldPath") ? path + rule.get("fieldPath").asText() : path;
                    errors.add(new FieldError(rule.path("reason").asText("FieldValueInvalid"), field,
                            "Invalid value: \"" + type + "\": " + rule.path("message").asText(rule.path("rule")
                                    .asText())));
                }
            }
        }
    }

    private static boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalStateException("the schema has a type this validator does not know: "
                    + type);
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isIntegralNumber() ? "integer" : "number";
    }

    private void validateObject(JsonNode schema, ObjectNode value, String path, List<FieldError> errors,
                                List<String> unknown) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
                errors.add(new FieldError("FieldValueRequired", path + "." + required.asText(), "Required value"));
            }
        }
        JsonNode properties = schema.path("properties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (String name : new ArrayList<>(fieldNames(value))) {
            JsonNode child = value.get(name);
            if (!properties.has(name)) {
                if (!preserve) {
                    unknown.add(path + "." + name);
                    value.remove(name);
                }
                continue;
            }
            if (child.isNull()) {
                // A null is dropped, as the API server does for fields that are not nullable.
                value.remove(name);
                continue;
            }
            validate(properties.get(name), child, path + "." + name, errors, unknown);
        }
    }

    private static List<String> fieldNames(JsonNode value) {
        List<String> names = new ArrayList<>();
        value.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void validateArray(JsonNode schema, JsonNode value, String path, List<FieldError> errors,
                               List<String> unknown) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asLong()) {
            errors.add(new FieldError("FieldValueTooMany", path, "Too many: " + value.size() + ": must have at most "
                    + schema.get("maxItems").asLong() + " items"));
        }
        for (int i = 0; i < value.size(); i++) {
            validate(schema.get("items"), value.get(i), path + "[" + i + "]", errors, unknown);
        }
        if ("map".equals(schema.path("x-kubernetes-list-type").asText())) {
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(key -> keys.add(key.asText()));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String key = keys.stream().map(k -> k + "=" + item.path(k).toString())
                        .collect(Collectors.joining(","));
                if (!seen.add(key)) {
                    errors.add(new FieldError("FieldValueDuplicate", path + "[" + i + "]", "Duplicate value: "
                            + keys.stream().map(k -> "\"" + k + "\":" + item.path(k).toString())
                            .collect(Collectors.joining(",", "map[", "]"))));
                }
            }
        }
    }

    private static void validateString(JsonNode schema, String text, String path, List<FieldError> errors) {
        String quoted = quote(text);
        if (schema.has("enum")) {
            List<String> options = new ArrayList<>();
            schema.get("enum").forEach(option -> options.add(option.asText()));
            if (!options.contains(text)) {
                errors.add(new FieldError("FieldValueNotSupported", path, "Unsupported value: " + quoted
                        + ": supported values: " + options.stream().map(SchemaValidator::quote)
                        .collect(Collectors.joining(", "))));
            }
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asLong()) {
            errors.add(new FieldError("FieldValueTooLong", path, "Too long: may not be more than "
                    + schema.get("maxLength").asLong() + " bytes"));
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asLong()) {
            errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + quoted + ": " + path
                    + " in body should be at least " + schema.get("minLength").asLong() + " chars long"));
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + quoted + ": " + path
                    + " in body should match '" + schema.get("pattern").asText() + "'"));
        }
        if ("date-time".equals(schema.path("format").asText()) && !isDateTime(text)) {
            errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + quoted + ": " + path
                    + " in body must be of type date-time: " + quoted));
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void validateRange(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        BigDecimal number = value.decimalValue();
        if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
            errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + plain(number) + ": " + path
                    + " in body should be greater than or equal to " + plain(schema.get("minimum").decimalValue())));
        }
        if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
            errors.add(new FieldError("FieldValueInvalid", path, "Invalid value: " + plain(number) + ": " + path
                    + " in body should be less than or equal to " + plain(schema.get("maximum").decimalValue())));
        }
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
