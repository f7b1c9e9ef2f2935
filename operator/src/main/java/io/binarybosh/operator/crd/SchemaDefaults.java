package io.binarybosh.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.binarybosh.operator.observe.EndpointResolver;
import io.binarybosh.operator.shell.MicroShellTarget;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code default:} into the spec's schema from the model itself: a field that a new instance of its class
 * sets (a timing, an option, an enum) gets that value, and an object field that the class creates gets
 * {@code default: {}}, so that the API server fills the object and then its fields, whether the user wrote it or
 * not. The effective values are then in the stored object and in {@code kubectl explain}, and CEL rules see them.
 */
final class SchemaDefaults {

    /**
     * Keys of a Secret whose default depends on the field that references it (one {@code SecretKeyRef} type serves
     * them all); the constants are those the operator reads the Secret with.
     */
    static final Map<String, String> KEY_DEFAULTS = keyDefaults();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaDefaults() {
    }

    private static Map<String, String> keyDefaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String director : new String[]{"primary", "meta", "bootstrap.micro"}) {
            keys.put(director + ".caSecretRef.key", EndpointResolver.DEFAULT_CA_KEY);
        }
        keys.put("bootstrap.micro.ssh.privateKeySecretRef.key", MicroShellTarget.DEFAULT_PRIVATE_KEY_KEY);
        keys.put("bootstrap.micro.ssh.hostKeySecretRef.key", MicroShellTarget.DEFAULT_HOST_KEY_KEY);
        return Map.copyOf(keys);
    }

    /** Defaults of {@code type} (the spec's class) into {@code schema}, and the per-field key defaults. */
    static void apply(JSONSchemaProps schema, Class<?> type) {
        fromModel(schema, type);
        KEY_DEFAULTS.forEach((path, key) -> setAt(schema, path.split("\\."), 0, TextNode.valueOf(key)));
    }

    private static void fromModel(JSONSchemaProps schema, Class<?> type) {
        if (schema.getProperties() == null) {
            return;
        }
        JsonNode defaults = MAPPER.valueToTree(newInstance(type));
        for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
            JsonNode value = defaults.get(property.getKey());
            if (value != null && !value.isNull()) {
                property.getValue().setDefault(value.isObject() ? MAPPER.createObjectNode() : value);
            }
            Optional<Field> field = field(type, property.getKey());
            if (field.isPresent() && isModel(field.get().getType()) && property.getValue().getProperties() != null
                    && !property.getValue().getProperties().isEmpty()) {
                fromModel(property.getValue(), field.get().getType());
            }
        }
    }

    /**
     * Sets a default at a path, copying each schema on the way: the generator may share one schema object between
     * every field of the same class, and these defaults belong to one field only.
     */
    private static void setAt(JSONSchemaProps schema, String[] path, int at, JsonNode value) {
        JSONSchemaProps child = schema.getProperties() == null ? null : schema.getProperties().get(path[at]);
        if (child == null) {
            throw new IllegalStateException("no field " + String.join(".", path) + " in the schema");
        }
        JSONSchemaProps copy = MAPPER.convertValue(child, JSONSchemaProps.class);
        schema.getProperties().put(path[at], copy);
        if (at == path.length - 1) {
            copy.setDefault(value);
        } else {
            setAt(copy, path, at + 1, value);
        }
    }

    private static boolean isModel(Class<?> type) {
        return !type.isEnum() && !type.isPrimitive() && type.getPackageName().startsWith("io.binarybosh.");
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a no-argument constructor for its defaults", e);
        }
    }

    private static Optional<Field> field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return Optional.of(c.getDeclaredField(name));
            } catch (NoSuchFieldException ignored) {
                // declared by a superclass
            }
        }
        return Optional.empty();
    }
}
