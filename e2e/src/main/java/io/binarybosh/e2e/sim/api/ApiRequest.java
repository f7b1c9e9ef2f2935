package io.binarybosh.e2e.sim.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A request as a controller sees it; `user` is null when unauthenticated, `params` are the path captures. */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         byte[] body, String user, List<String> params) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String query(String name) {
        return query.get(name);
    }

    public boolean flag(String name) {
        return "true".equals(query.get(name));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String param(int i) {
        return params.get(i);
    }

    public ApiRequest with(String authenticatedUser, List<String> captures) {
        return new ApiRequest(method, path, query, headers, body, authenticatedUser, captures);
    }
}
