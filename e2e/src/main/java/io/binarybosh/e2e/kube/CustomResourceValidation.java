package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the API server does with a custom resource before storing it: validates it against its CRD's OpenAPI v3
 * schema and CEL rules (spec on object writes, status on status writes, as with a status subresource), refuses it
 * with a 422 naming every field, and prunes undeclared fields, or refuses them with a 400 when the client asks for
 * strict field validation.
 */
final class CustomResourceValidation {

    /** The verdict on one write. */
    sealed interface Verdict {
        /** Answer with this Status and store nothing. */
        record Refused(int code, JsonNode status) implements Verdict {
        }

        /** Store this object, which is the written one with undeclared fields pruned. */
        record Accepted(JsonNode object, boolean pruned) implements Verdict {
        }
    }

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final SchemaValidator validator = new SchemaValidator();

    /**
     * @param crds     the stored CRD list
     * @param path     where the write goes
     * @param object   the whole object the write would leave
     * @param strict   whether the client asked for {@code fieldValidation=Strict}
     */
    Verdict check(JsonNode crds, CustomResourcePath path, JsonNode object, boolean strict) {
        Optional<Definition> definition = definition(crds, path);
        if (definition.isEmpty() || !object.isObject()) {
            return new Verdict.Accepted(object, false);
        }
        String name = object.path("metadata").path("name").asText(path.name() == null ? "" : path.name());
        boolean generated = name.isEmpty() && object.path("metadata").hasNonNull("generateName");
        List<FieldError> errors = new ArrayList<>(generated ? List.of() : nameErrors(name));
        String part = path.status() ? "status" : "spec";
        JsonNode schema = definition.get().schema().path("properties").path(part);
        if (schema.isMissingNode() || !object.has(part)) {
            return errors.isEmpty() ? new Verdict.Accepted(object, false)
                    : new Verdict.Refused(422, invalid(definition.get(), path, name, errors));
        }
        SchemaValidator.Result result = validator.validate(schema, object.get(part), part);
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            return new Verdict.Refused(422, invalid(definition.get(), path, name, errors));
        }
        if (result.unknownFields().isEmpty()) {
            return new Verdict.Accepted(object, false);
        }
        if (strict) {
            return new Verdict.Refused(400, badRequest(definition.get(), path, result.unknownFields()));
        }
        ObjectNode pruned = object.deepCopy();
        pruned.set(part, result.pruned());
        return new Verdict.Accepted(pruned, true);
    }

    private record Definition(String kind, JsonNode schema) {
    }

    /** A custom resource's name must be a DNS subdomain, as the API server checks it. */
    private static List<FieldError> nameErrors(String name) {
        if (name.isEmpty()) {
            return List.of(new FieldError("FieldValueRequired", "metadata.name",
                    "Required value: name or generateName is required"));
        }
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            return List.of(new FieldError("FieldValueInvalid", "metadata.name", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '" + DNS_SUBDOMAIN.pattern() + "')"));
        }
        return List.of();
    }

    private static Optional<Definition> definition(JsonNode crds, CustomResourcePath path) {
        for (JsonNode crd : crds.path("items")) {
            JsonNode spec = crd.path("spec");
            if (!spec.path("group").asText().equals(path.group())
                    || !spec.path("names").path("plural").asText().equals(path.plural())) {
                continue;
            }
            for (JsonNode version : spec.path("versions")) {
                if (version.path("name").asText().equals(path.version())) {
                    return Optional.of(new Definition(spec.path("names").path("kind").asText(),
                            version.path("schema").path("openAPIV3Schema")));
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode invalid(Definition definition, CustomResourcePath path, String name,
                                    List<FieldError> errors) {
        List<String> texts = errors.stream().map(FieldError::text).toList();
        String listed = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
        ObjectNode status = status(422, "Invalid", definition.kind() + "." + path.group() + " \"" + name
                + "\" is invalid: " + listed);
        ObjectNode details = status.putObject("details").put("name", name).put("group", path.group())
                .put("kind", definition.kind());
        var causes = details.putArray("causes");
        errors.forEach(error -> causes.addObject().put("reason", error.reason()).put("message", error.message())
                .put("field", error.field()));
        return status;
    }

    private static JsonNode badRequest(Definition definition, CustomResourcePath path, List<String> unknown) {
        String fields = unknown.stream().map(field -> "unknown field \"" + field + "\"")
                .collect(Collectors.joining(", "));
        return status(400, "BadRequest", definition.kind() + " in version \"" + path.version()
                + "\" cannot be handled as a " + definition.kind() + ": strict decoding error: " + fields);
    }

    private static ObjectNode status(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return status;
    }
}
