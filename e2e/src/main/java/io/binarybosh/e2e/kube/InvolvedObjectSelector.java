package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code involvedObject.*} field selector with which {@code kubectl describe} lists an object's events
 * ({@code GET /api/v1/namespaces/<ns>/events?fieldSelector=involvedObject.name=x,involvedObject.kind=y,...}).
 * fabric8's CRUD mock matches no such field; the Events are kept by {@link EventStore}, which applies it.
 *
 * @param fields field path (under {@code involvedObject}) to the value it must equal
 */
record InvolvedObjectSelector(Map<String, String> fields) {

    private static final Pattern EVENTS = Pattern.compile("/api/v1(/namespaces/[^/]+)?/events");
    private static final String PREFIX = "involvedObject.";

    /** The selector of an event list request whose field selector is all {@code involvedObject.x=value}. */
    static Optional<InvolvedObjectSelector> of(String path) {
        int query = path.indexOf('?');
        if (query < 0 || !EVENTS.matcher(path.substring(0, query)).matches()) {
            return Optional.empty();
        }
        Optional<String> selector = parameters(path).entrySet().stream()
                .filter(parameter -> parameter.getKey().equals("fieldSelector"))
                .map(Map.Entry::getValue)
                .findFirst();
        if (selector.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String term : selector.get().split(",")) {
            String[] sides = term.split("==?", 2);
            if (sides.length != 2 || !sides[0].startsWith(PREFIX) || term.contains("!=")) {
                return Optional.empty();
            }
            fields.put(sides[0].substring(PREFIX.length()), sides[1]);
        }
        return Optional.of(new InvolvedObjectSelector(fields));
    }

    /**
     * The event list with only the events of the selected object, as an {@code EventList}: the mock says
     * {@code List}, which kubectl cannot decode into events (and then shows none).
     */
    JsonNode filter(JsonNode list) {
        ObjectNode filtered = list.deepCopy();
        filtered.put("kind", "EventList");
        ArrayNode items = filtered.putArray("items");
        for (JsonNode event : list.path("items")) {
            if (matches(event.path("involvedObject"))) {
                items.add(event);
            }
        }
        return filtered;
    }

    private boolean matches(JsonNode involvedObject) {
        return fields.entrySet().stream()
                .allMatch(field -> field.getValue().equals(involvedObject.path(field.getKey()).asText("")));
    }

    private static Map<String, String> parameters(String path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : path.substring(path.indexOf('?') + 1).split("&")) {
            String[] pair = parameter.split("=", 2);
            parameters.put(decode(pair[0]), pair.length == 2 ? decode(pair[1]) : "");
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
