package io.binarybosh.operator.director.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.operator.director.DirectorApiException;
import io.binarybosh.operator.director.DirectorBadManifestException;
import io.binarybosh.operator.director.DirectorEndpointNotFoundException;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorLockedException;
import io.binarybosh.operator.director.DirectorNotFoundException;
import io.binarybosh.operator.director.DirectorResponseException;
import io.binarybosh.operator.director.DirectorResurrectionPausedException;
import io.binarybosh.operator.director.DirectorUnauthorizedException;

import java.util.regex.Pattern;

/**
 * Turns an error status into a typed exception. Director errors have the body
 * {@code {"code":<int>,"description":"<msg>"}}; unknown routes answer a plain {@code Endpoint '<path>' not found.}.
 */
public final class ErrorMapper {

    public static final int RESURRECTION_PAUSED = 410004;
    public static final int BAD_MANIFEST = 440001;
    private static final Pattern LOCK_WORDING = Pattern.compile("\\block\\b", Pattern.CASE_INSENSITIVE);
    private static final int MAX_TEXT = 300;

    private final Json json;

    public ErrorMapper(Json json) {
        this.json = json;
    }

    public DirectorException map(String peer, String call, ApiResponse response, String client) {
        int status = response.status();
        // A success body may hold a manifest; only error bodies are worth quoting.
        String text = status >= 400 ? response.text().strip() : "";
        Integer code = null;
        String description = shorten(text);
        JsonNode node = status >= 400 ? parseError(response.body()) : null;
        if (node != null) {
            code = node.get("code").asInt();
            description = node.path("description").asText("");
        }
        String message = "The " + peer + " answered " + call + " with HTTP " + status
                + (code == null ? "" : " (code " + code + ")") + (description.isEmpty() ? "" : ": " + description);
        if (status == 401) {
            return new DirectorUnauthorizedException(message + "; the credentials of client '" + client
                    + "' were refused");
        }
        if (status == 404 && code == null && text.startsWith("Endpoint")) {
            return new DirectorEndpointNotFoundException("The " + peer + " has no route for " + call
                    + " (wrong Content-Type or director version?): " + description);
        }
        if (status < 400) {
            return new DirectorResponseException(message + ", which the client does not expect here");
        }
        if (code != null && code == RESURRECTION_PAUSED) {
            return new DirectorResurrectionPausedException(message, status, code, description);
        }
        if (code != null && code == BAD_MANIFEST) {
            return new DirectorBadManifestException(message, status, code, description);
        }
        if (code != null && LOCK_WORDING.matcher(description).find()) {
            return new DirectorLockedException(message, status, code, description);
        }
        if (status == 404 && code != null) {
            return new DirectorNotFoundException(message, status, code, description);
        }
        return new DirectorApiException(message, status, code, description);
    }

    private JsonNode parseError(byte[] body) {
        try {
            JsonNode node = json.mapper().readTree(body);
            return node != null && node.isObject() && node.path("code").canConvertToInt() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "…";
    }
}
