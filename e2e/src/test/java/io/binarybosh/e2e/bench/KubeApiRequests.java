package io.binarybosh.e2e.bench;

import io.binarybosh.e2e.kube.ApiRequest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Kubernetes API mock received during a window, by method and resource: where its CPU goes, and how much
 * of it the operator causes (status writes, Events, watches and their reconnects).
 */
final class KubeApiRequests {

    private KubeApiRequests() {
    }

    static Map<String, Integer> byRoute(List<ApiRequest> window) {
        Map<String, Integer> routes = new TreeMap<>();
        window.forEach(r -> routes.merge(r.method() + " " + route(r.path()), 1, Integer::sum));
        return routes;
    }

    /** {@code /apis/g/v/namespaces/ns/kind/name/status?x} as {@code kind/status}, a watch as {@code kind?watch}. */
    static String route(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        boolean watch = q >= 0 && pathAndQuery.substring(q).contains("watch=true");
        String[] parts = path.split("/");
        int at = List.of(parts).indexOf("namespaces");
        String kind;
        String sub = "";
        if (at >= 0 && parts.length > at + 2) {
            kind = parts[at + 2];
            if (parts.length > at + 4) {
                sub = "/" + parts[at + 4];
            }
        } else {
            kind = parts.length == 0 ? path : parts[parts.length - 1];
        }
        return kind + sub + (watch ? "?watch" : "");
    }
}
