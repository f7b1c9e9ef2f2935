package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.util.Optional;

/**
 * The API server's precondition on {@code metadata.resourceVersion} for writes of a custom resource, its status
 * subresource included, which fabric8's CRUD mock checks only on whole-resource updates. As kube-apiserver's
 * generic registry store ({@code staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go},
 * {@code Update}) and the custom resource strategy ({@code apiextensions-apiserver/pkg/registry/customresource/
 * strategy.go}, {@code AllowUnconditionalUpdate} false) do:
 * <ul>
 *     <li>a PUT carries the version it was based on: none is 422 ({@code must be specified for an update}), an
 *     older one 409 Conflict;</li>
 *     <li>a PATCH is applied to the object as stored ({@code patch.go} applies it to the current object), so only
 *     a version the patch itself sets is compared: a merge patch without one is applied, a stale one is 409.</li>
 * </ul>
 */
final class OptimisticConcurrency {

    private OptimisticConcurrency() {
    }

    /**
     * The refusal of a write to {@code path} based on {@code sent} (a PUT's body, a PATCH's patch) given the object
     * as {@code stored}; empty when the write may go on.
     *
     * @param jsonPatch whether {@code sent} is a JSON patch (RFC 6902) rather than a merge patch
     */
    static Optional<JsonNode> refusal(String method, CustomResourcePath path, JsonNode stored, JsonNode sent,
                                      boolean jsonPatch) {
        String current = stored.path("metadata").path("resourceVersion").asText("");
        String basedOn;
        if (method.equals("PUT")) {
            basedOn = sent.path("metadata").path("resourceVersion").asText("");
            if (basedOn.isEmpty()) {
                return Optional.of(mustBeSpecified(path, stored.path("kind").asText()));
            }
        } else if (method.equals("PATCH") && jsonPatch) {
            try {
                basedOn = JsonPatch.apply(sent, stored).path("metadata").path("resourceVersion").asText("");
            } catch (JsonPatchException e) {
                // refused as a whole elsewhere (422)
                return Optional.empty();
            }
        } else if (method.equals("PATCH")) {
            basedOn = sent.path("metadata").path("resourceVersion").asText(current);
        } else {
            return Optional.empty();
        }
        return basedOn.equals(current) ? Optional.empty() : Optional.of(conflict(path));
    }

    /** kube-apiserver's {@code errors.NewConflict} for the object: the resource (plural.group) and its name. */
    static JsonNode conflict(CustomResourcePath path) {
        String resource = path.plural() + "." + path.group();
        ObjectNode status = status(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \""
                + path.name() + "\": the object has been modified; please apply your changes to the latest version "
                + "and try again");
        status.putObject("details").put("name", path.name()).put("group", path.group()).put("kind", path.plural());
        return status;
    }

    private static JsonNode mustBeSpecified(CustomResourcePath path, String kind) {
        String message = "Invalid value: 0x0: must be specified for an update";
        ObjectNode status = status(422, "Invalid", kind + "." + path.group() + " \"" + path.name()
                + "\" is invalid: metadata.resourceVersion: " + message);
        ObjectNode details = status.putObject("details").put("name", path.name()).put("group", path.group())
                .put("kind", kind);
        details.putArray("causes").addObject().put("reason", "FieldValueInvalid").put("message", message)
                .put("field", "metadata.resourceVersion");
        return status;
    }

    private static ObjectNode status(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return status;
    }
}
