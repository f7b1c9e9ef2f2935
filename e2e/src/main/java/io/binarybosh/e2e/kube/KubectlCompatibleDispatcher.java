package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Puts in front of fabric8's CRUD dispatcher what real kubectl needs and the CRUD mode lacks: discovery (built-in
 * groups and one per stored CRD), status subresource writes that carry a query, merge patches that remove fields,
 * strategic merge patches without list directives, Secrets written with {@code stringData}, the
 * {@code involvedObject.*} field selector of {@code kubectl describe}'s event list (Events are kept apart:
 * {@link EventStore}), an answer to the
 * {@code SelfSubjectRulesReview} that JOSDK's leader election asks, validation of custom resources against
 * their CRD ({@link CustomResourceValidation}), server-side Tables of custom resources from their CRD's printer
 * columns ({@link ServerSideTable}), and a JSON content type on every answer.
 */
final class KubectlCompatibleDispatcher extends Dispatcher {

    private static final String CRD_API = "/apis/apiextensions.k8s.io/";
    private static final String CRD_LIST_PATH = CRD_API + "v1/customresourcedefinitions";
    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private final KubernetesCrudDispatcher crud;
    private final DiscoveryDocuments discovery;
    private final CustomResourceTypes customTypes;
    private final KubernetesSerialization serialization;
    private final CustomResourceValidation validation = new CustomResourceValidation();
    private final Consumer<ApiWrite> writes;
    private volatile ParsedCrds parsedCrds;
    /** Writes of CRDs so far: a CRD list read before the last of them is not used again. */
    private final AtomicLong crdWrites = new AtomicLong();
    private volatile CrdList crdList;
    /** Appended under its own lock: a copy-on-write list copied itself on every request (at 1,000 pairs, most of the API's CPU). */
    private final List<ApiRequest> received = new ArrayList<>();
    /** Held from a write's version check to its store, as the API server's storage does with its precondition. */
    private final Object writeLock = new Object();
    private final ForeignStatusWriter foreign = new ForeignStatusWriter();
    private final EventStore events = new EventStore();

    KubectlCompatibleDispatcher(KubernetesCrudDispatcher crud, DiscoveryDocuments discovery,
                                CustomResourceTypes customTypes, KubernetesSerialization serialization,
                                Consumer<ApiWrite> writes) {
        this.writes = writes;
        this.crud = crud;
        this.discovery = discovery;
        this.customTypes = customTypes;
        this.serialization = serialization;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = null;
        try {
            if (request.method() == HttpMethod.GET) {
                response = answer(request);
            } else {
                writes.accept(new ApiWrite(request.method().name(), request.getPath(), body(request)));
                synchronized (writeLock) {
                    response = answer(request);
                }
                if (request.getPath().startsWith(CRD_API)) {
                    crdWrites.incrementAndGet();
                }
            }
            if (response.getWebSocketListener() == null && response.getHeaders().get("Content-Type") == null) {
                response.setHeader("Content-Type", "application/json");
            }
            return response;
        } finally {
            ApiRequest seen = new ApiRequest(request.method().name(), request.getPath(),
                    request.getHeader("User-Agent"), response == null ? 0 : response.code());
            synchronized (received) {
                received.add(seen);
            }
        }
    }

    /** Switches the fault mode of {@link ForeignStatusWriter} on or off. */
    void foreignWriterBeforeStatusWrites(boolean on) {
        synchronized (writeLock) {
            foreign.switchOn(on);
        }
    }

    /** How many changes the foreign writer made so far. */
    int foreignChanges() {
        return foreign.changes();
    }

    /** Every request received so far, in order. */
    List<ApiRequest> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getPath();
        Optional<MockResponse> event = events.handle(request.method(), path,
                request.method() == HttpMethod.POST ? body(request) : "");
        if (event.isPresent()) {
            return event.get();
        }
        String bare = withoutQuery(path);
        HttpMethod method = request.method();
        if (method == HttpMethod.GET && isDiscovery(bare)) {
            return discovery.document(bare, resourceTypes())
                    .map(document -> new MockResponse().setResponseCode(200).setBody(document))
                    .orElseGet(() -> notFound(bare));
        }
        if (method == HttpMethod.GET && ServerSideTable.requested(request.getHeader("Accept"))
                && !path.contains("watch=true")) {
            Optional<CustomResourcePath> custom = CustomResourcePath.parse(bare);
            if (custom.isPresent() && !custom.get().status()) {
                return table(request, custom.get());
            }
        }
        if (method == HttpMethod.POST && bare.equals(RULES_REVIEWS)) {
            return everythingAllowed(request);
        }
        if (bare.startsWith("/openapi/")) {
            // kubectl then goes on without a schema, as --validate=false asks.
            return notFound(bare);
        }
        if ((method == HttpMethod.PATCH || method == HttpMethod.PUT) && bare.endsWith("/status")) {
            // With a query the CRUD dispatcher misses the subresource and writes the status as a spec change.
            path = bare;
        }
        Optional<CustomResourcePath> custom = CustomResourcePath.parse(bare);
        if (custom.isPresent() && custom.get().name() != null
                && (method == HttpMethod.PUT || method == HttpMethod.PATCH)) {
            Optional<MockResponse> refused = preconditionFailed(request, custom.get(), bare);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (custom.isPresent()) {
            Optional<MockResponse> validated = validated(request, custom.get(), bare, path);
            if (validated.isPresent()) {
                return validated.get();
            }
        }
        if (SecretStringData.isSecretWrite(method.name(), bare)) {
            JsonNode secret = SecretStringData.moveIntoData(serialization.unmarshal(body(request), JsonNode.class));
            return crud.dispatch(rewritten(request, method, path, serialization.asJson(secret)));
        }
        if (method == HttpMethod.PATCH && isMergePatch(request)) {
            JsonNode patch = serialization.unmarshal(body(request), JsonNode.class);
            if (MergePatch.removesSomething(patch)) {
                return mergeByUpdate(request, bare, patch);
            }
        }
        if (method == HttpMethod.PATCH && isStrategicMergePatch(request)) {
            // kubectl apply and annotate send these for built-in kinds; the CRUD mock refuses them (415).
            JsonNode patch = serialization.unmarshal(body(request), JsonNode.class);
            if (MergePatch.isPlainMerge(patch)) {
                return mergeByUpdate(request, bare, patch);
            }
        }
        return crud.dispatch(path.equals(request.getPath()) ? request
                : rewritten(request, method, path, body(request)));
    }

    /**
     * Validates a write of a custom resource against its CRD: the refusal, the pruned object stored, or empty when
     * the write goes on unchanged (also when it is no write, or its patch cannot be applied here).
     */
    private Optional<MockResponse> validated(RecordedRequest request, CustomResourcePath custom, String bare,
                                             String path) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return Optional.empty();
        }
        JsonNode body = serialization.unmarshal(body(request), JsonNode.class);
        JsonNode resulting = body;
        if (method == HttpMethod.PATCH) {
            MockResponse current = crud.handleGet(custom.objectPath(bare));
            if (current.code() != 200) {
                return Optional.empty();
            }
            JsonNode stored = serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class);
            if (isMergePatch(request)) {
                resulting = MergePatch.apply(stored, body);
            } else if (isJsonPatch(request)) {
                try {
                    resulting = JsonPatch.apply(body, stored);
                } catch (JsonPatchException e) {
                    // The CRUD mock would apply what it can; the API server refuses the whole patch.
                    return Optional.of(new MockResponse().setResponseCode(422).setBody("""
                            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":\
                            "the server rejected our request due to an error in our request","reason":"Invalid",\
                            "code":422}"""));
                }
            } else {
                return Optional.empty();
            }
        }
        MockResponse crds = crds();
        if (crds.code() != 200) {
            return Optional.empty();
        }
        boolean strict = request.getPath().contains("fieldValidation=Strict");
        CustomResourceValidation.Verdict verdict = validation.check(parsedCrds(crds.getBody().readUtf8()), custom,
                resulting, strict);
        if (verdict instanceof CustomResourceValidation.Verdict.Refused refused) {
            return Optional.of(new MockResponse().setResponseCode(refused.code())
                    .setBody(serialization.asJson(refused.status())));
        }
        CustomResourceValidation.Verdict.Accepted accepted = (CustomResourceValidation.Verdict.Accepted) verdict;
        if (!accepted.pruned()) {
            return Optional.empty();
        }
        HttpMethod store = method == HttpMethod.PATCH ? HttpMethod.PUT : method;
        return Optional.of(crud.dispatch(rewritten(request, store, method == HttpMethod.PATCH ? bare : path,
                serialization.asJson(accepted.object()))));
    }

    /**
     * The refusal of a write whose resource version is not the stored one ({@link OptimisticConcurrency}), after
     * the foreign writer's change when it is on and this is its turn; empty when the write goes on.
     */
    private Optional<MockResponse> preconditionFailed(RecordedRequest request, CustomResourcePath custom,
                                                      String bare) {
        String objectPath = custom.objectPath(bare);
        MockResponse current = crud.handleGet(objectPath);
        if (current.code() != 200) {
            return Optional.empty();
        }
        JsonNode stored = serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class);
        if (custom.status() && foreign.takesTurn()) {
            JsonNode changed = MergePatch.apply(stored, foreign.nextChange());
            MockResponse written = crud.dispatch(rewritten(request, HttpMethod.PUT, objectPath,
                    serialization.asJson(changed)));
            if (written.code() == 200) {
                stored = serialization.unmarshal(written.getBody().readUtf8(), JsonNode.class);
            }
        }
        JsonNode sent;
        try {
            sent = serialization.unmarshal(body(request), JsonNode.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (sent == null) {
            return Optional.empty();
        }
        return OptimisticConcurrency.refusal(request.method().name(), custom, stored, sent, isJsonPatch(request))
                .map(status -> new MockResponse().setResponseCode(status.path("code").asInt())
                        .setBody(serialization.asJson(status)));
    }

    /** A GET of custom resources answered as the Table kubectl asked for, columns from the CRD. */
    private MockResponse table(RecordedRequest request, CustomResourcePath custom) {
        MockResponse answer = crud.dispatch(request);
        MockResponse crds = crds();
        if (answer.code() != 200 || crds.code() != 200) {
            return answer;
        }
        for (JsonNode crd : parsedCrds(crds.getBody().readUtf8()).path("items")) {
            JsonNode spec = crd.path("spec");
            if (!spec.path("group").asText().equals(custom.group())
                    || !spec.path("names").path("plural").asText().equals(custom.plural())) {
                continue;
            }
            for (JsonNode version : spec.path("versions")) {
                if (version.path("name").asText().equals(custom.version())) {
                    JsonNode body = serialization.unmarshal(answer.getBody().readUtf8(), JsonNode.class);
                    return new MockResponse().setResponseCode(200)
                            .setHeader("Content-Type", "application/json;as=Table;v=v1;g=meta.k8s.io")
                            .setBody(serialization.asJson(ServerSideTable.of(version).of(body,
                                    ServerSideTable.IncludeObject.of(request.getPath()), java.time.Instant.now())));
                }
            }
        }
        return answer;
    }

    /** The CRD list parsed once per change: every status write of every pair is validated against it. */
    private JsonNode parsedCrds(String json) {
        ParsedCrds last = parsedCrds;
        if (last == null || !last.json().equals(json)) {
            last = new ParsedCrds(json, serialization.unmarshal(json, JsonNode.class));
            parsedCrds = last;
        }
        return last.parsed();
    }

    private record ParsedCrds(String json, JsonNode parsed) {
    }

    /**
     * The CRD list, read from the store again only after a CRD was written. Every write of a custom resource (each
     * validated against its CRD) and every discovery asks for it, and the store lists by comparing every object it
     * holds: at 1,000 pairs, half of the API's CPU while the operator started.
     */
    private MockResponse crds() {
        CrdList last = crdList;
        long writesNow = crdWrites.get();
        if (last == null || last.afterWrites() != writesNow) {
            MockResponse read = crud.handleGet(CRD_LIST_PATH);
            if (read.code() != 200) {
                return read;
            }
            last = new CrdList(writesNow, read.getBody().readUtf8());
            crdList = last;
        }
        return new MockResponse().setResponseCode(200).setBody(last.json());
    }

    /** The CRD list as read when {@code afterWrites} CRD writes had been made. */
    private record CrdList(long afterWrites, String json) {
    }

    /**
     * The answer to "what may I do?" (JOSDK asks before leader election): everything, which is what this API
     * enforces. The CRUD mock would store the review instead, and refuse it without metadata.
     */
    private MockResponse everythingAllowed(RecordedRequest request) {
        ObjectNode review = (ObjectNode) serialization.unmarshal(body(request), JsonNode.class);
        ObjectNode status = review.putObject("status");
        ObjectNode resources = status.putArray("resourceRules").addObject();
        resources.putArray("verbs").add("*");
        resources.putArray("apiGroups").add("*");
        resources.putArray("resources").add("*");
        ObjectNode urls = status.putArray("nonResourceRules").addObject();
        urls.putArray("verbs").add("*");
        urls.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
        return new MockResponse().setResponseCode(201).setBody(serialization.asJson(review));
    }

    /** Applies the merge patch here and stores the result with an update of the same resource version. */
    private MockResponse mergeByUpdate(RecordedRequest request, String bare, JsonNode patch) {
        String objectPath = bare.endsWith("/status") ? bare.substring(0, bare.length() - "/status".length()) : bare;
        MockResponse current = crud.handleGet(objectPath);
        if (current.code() != 200) {
            return current;
        }
        JsonNode merged = MergePatch.apply(serialization.unmarshal(current.getBody().readUtf8(), JsonNode.class),
                patch);
        if (SecretStringData.isSecretWrite(HttpMethod.PUT.name(), bare)) {
            merged = SecretStringData.moveIntoData(merged);
        }
        return crud.dispatch(rewritten(request, HttpMethod.PUT, bare, serialization.asJson(merged)));
    }

    private static boolean isStrategicMergePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith("application/strategic-merge-patch+json");
    }

    private static boolean isJsonPatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith("application/json-patch+json");
    }

    private static boolean isMergePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.startsWith("application/merge-patch+json");
    }

    private static RecordedRequest rewritten(RecordedRequest request, HttpMethod method, String path, String body) {
        return new RecordedRequest(request.getHttpVersion(), method, path,
                request.getHeaders().newBuilder().set("Content-Type", contentType(request, method)).build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String contentType(RecordedRequest request, HttpMethod method) {
        String original = request.getHeader("Content-Type");
        return method == HttpMethod.PATCH && original != null ? original : "application/json";
    }

    private static String body(RecordedRequest request) {
        return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static boolean isDiscovery(String path) {
        if (path.equals("/version") || path.equals("/api") || path.equals("/apis")) {
            return true;
        }
        String[] segments = path.substring(1).split("/");
        return segments[0].equals("api") && segments.length == 2
                || segments[0].equals("apis") && (segments.length == 2 || segments.length == 3);
    }

    private List<ResourceType> resourceTypes() {
        MockResponse crds = crds();
        List<ResourceType> custom = crds.code() == 200 ? customTypes.from(crds.getBody().readUtf8()) : List.of();
        return Stream.concat(BuiltInResources.ALL.stream(), custom.stream()).toList();
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static MockResponse notFound(String path) {
        return new MockResponse().setResponseCode(404).setBody("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
                "message":"the server could not find the requested resource (%s)","reason":"NotFound","code":404}"""
                .formatted(path.replace("\"", "")));
    }
}
