package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core v1 Events, kept by namespace and name. fabric8's CRUD mock finds an object by comparing the request
 * with every object it holds, whatever its kind; a thousand pairs' start-up writes ten thousand Events, and every
 * later request (a status write, a Secret read) then paid for all of them, which a real API server (a key-value
 * store) never does. Created, read by name and listed here (all of a namespace or of every namespace, or those of
 * one object as {@code kubectl describe} asks with {@link InvolvedObjectSelector}); any other selector, a watch, a
 * change or a deletion of an Event is refused, as nothing here needs them.
 */
final class EventStore {

    private static final Pattern COLLECTION = Pattern.compile("/api/v1(?:/namespaces/([^/]+))?/events");
    private static final Pattern ONE = Pattern.compile("/api/v1/namespaces/([^/]+)/events/([^/]+)");

    private final ObjectMapper json = new ObjectMapper();
    /** By namespace, then name, in the order created. */
    private final Map<String, Map<String, ObjectNode>> events = new LinkedHashMap<>();
    private long resourceVersion = 1_000_000_000L;

    /** The answer to a request about Events, or empty for any other request. */
    synchronized Optional<MockResponse> handle(HttpMethod method, String path, String body) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        Matcher collection = COLLECTION.matcher(bare);
        Matcher one = ONE.matcher(bare);
        if (collection.matches()) {
            String namespace = collection.group(1);
            if (method == HttpMethod.POST && namespace != null) {
                return Optional.of(create(namespace, body));
            }
            if (method == HttpMethod.GET) {
                return Optional.of(list(namespace, path, query < 0 ? "" : path.substring(query + 1)));
            }
            return Optional.of(refused(method + " " + bare));
        }
        if (one.matches()) {
            if (method == HttpMethod.GET) {
                ObjectNode event = events.getOrDefault(one.group(1), Map.of()).get(one.group(2));
                return Optional.of(event == null ? status(404, "NotFound", "events \"" + one.group(2) + "\" not found")
                        : new MockResponse().setResponseCode(200).setBody(event.toString()));
            }
            return Optional.of(refused(method + " " + bare));
        }
        return Optional.empty();
    }

    private MockResponse create(String namespace, String body) {
        ObjectNode event;
        try {
            event = (ObjectNode) json.readTree(body);
        } catch (Exception e) {
            return status(400, "BadRequest", "the body is not an Event");
        }
        ObjectNode metadata = event.with("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            return status(422, "Invalid", "metadata.name: Required value");
        }
        Map<String, ObjectNode> inNamespace = events.computeIfAbsent(namespace, n -> new LinkedHashMap<>());
        if (inNamespace.containsKey(name)) {
            return status(409, "AlreadyExists", "events \"" + name + "\" already exists");
        }
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        metadata.put("namespace", namespace);
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("resourceVersion", Long.toString(++resourceVersion));
        metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inNamespace.put(name, event);
        return new MockResponse().setResponseCode(201).setBody(event.toString());
    }

    private MockResponse list(String namespace, String path, String query) {
        if (query.contains("watch=true") || query.contains("labelSelector=")) {
            return refused("a watch or label selector of Events");
        }
        Optional<InvolvedObjectSelector> selector = InvolvedObjectSelector.of(path);
        if (query.contains("fieldSelector=") && selector.isEmpty()) {
            return refused("a field selector of Events other than involvedObject.*");
        }
        List<ObjectNode> found = new ArrayList<>();
        if (namespace == null) {
            events.values().forEach(inNamespace -> found.addAll(inNamespace.values()));
        } else {
            found.addAll(events.getOrDefault(namespace, Map.of()).values());
        }
        ObjectNode list = json.createObjectNode();
        list.put("apiVersion", "v1");
        list.put("kind", "EventList");
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode items = list.putArray("items");
        found.forEach(items::add);
        JsonNode answer = selector.map(s -> s.filter(list)).orElse(list);
        return new MockResponse().setResponseCode(200).setBody(answer.toString());
    }

    private static MockResponse refused(String what) {
        return status(405, "MethodNotAllowed", what + " is not served by the embedded API");
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message.replace("\"", "\\\"")
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }
}
