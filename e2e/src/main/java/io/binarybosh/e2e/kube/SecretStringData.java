package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** What the API server does with a Secret's {@code stringData} on write: base64 into {@code data}, then drop it. */
final class SecretStringData {

    private SecretStringData() {
    }

    static boolean isSecretWrite(String method, String path) {
        return (method.equals("POST") || method.equals("PUT")) && path.matches("/api/v1/namespaces/[^/]+/secrets(/[^/]+)?");
    }

    /** The secret with stringData moved into data, or the same node when it has none. */
    static JsonNode moveIntoData(JsonNode secret) {
        if (!secret.isObject() || !secret.path("stringData").isObject()) {
            return secret;
        }
        ObjectNode result = ((ObjectNode) secret).deepCopy();
        JsonNode stringData = result.remove("stringData");
        ObjectNode data = result.path("data").isObject() ? (ObjectNode) result.get("data") : result.putObject("data");
        for (Map.Entry<String, JsonNode> field : stringData.properties()) {
            data.put(field.getKey(), Base64.getEncoder().encodeToString(
                    field.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }
}
