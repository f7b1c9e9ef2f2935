package io.binarybosh.e2e.kube;

import java.util.Optional;

/**
 * What one API request asks for, in the terms of an RBAC rule.
 *
 * @param namespace the namespace of a namespaced request; null for a request across namespaces or cluster-scoped
 * @param group     API group, empty for the core group
 * @param resource  plural name, with the subresource after a slash ({@code binaryboshpairs/status})
 * @param verb      get, list, watch, create, update, patch, delete or deletecollection
 */
public record ResourceAccess(String namespace, String group, String resource, String verb) {

    /** The access a request needs; empty for discovery and other non-resource paths. */
    public static Optional<ResourceAccess> of(ApiRequest request) {
        int query = request.path().indexOf('?');
        String path = query < 0 ? request.path() : request.path().substring(0, query);
        String parameters = query < 0 ? "" : "&" + request.path().substring(query + 1) + "&";
        String[] segments = path.substring(1).split("/");
        int resourceAt;
        String group;
        if (segments[0].equals("api") && segments.length >= 3) {
            group = "";
            resourceAt = 2;
        } else if (segments[0].equals("apis") && segments.length >= 4) {
            group = segments[1];
            resourceAt = 3;
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (segments[resourceAt].equals("namespaces") && segments.length >= resourceAt + 3) {
            namespace = segments[resourceAt + 1];
            resourceAt += 2;
        }
        String resource = segments[resourceAt];
        boolean named = segments.length > resourceAt + 1;
        if (segments.length > resourceAt + 2) {
            resource += "/" + segments[resourceAt + 2];
        }
        String verb = switch (request.method()) {
            case "GET" -> named ? "get"
                    : parameters.contains("&watch=true&") || parameters.contains("&watch=1&") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(new ResourceAccess(namespace, group, resource, verb));
    }
}
