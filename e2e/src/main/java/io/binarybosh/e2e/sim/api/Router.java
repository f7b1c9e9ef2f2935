package io.binarybosh.e2e.sim.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches method, path and content type. A request whose content type does not meet a route's
 * condition falls through, ending in 404 `Endpoint '<path>' not found.` as on a real director.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public Router get(String path, Route.Handler handler) {
        return add("GET", path, null, handler);
    }

    public Router add(String method, String path, String consumes, Route.Handler handler) {
        routes.add(new Route(method, Pattern.compile(path), consumes, handler));
        return this;
    }

    public Optional<ApiResponse> dispatch(ApiRequest request) {
        for (Route route : routes) {
            if (!route.method().equals(request.method())) {
                continue;
            }
            Matcher m = route.path().matcher(request.path());
            if (!m.matches() || !contentTypeMatches(route.consumes(), request.header("content-type"))) {
                continue;
            }
            List<String> captures = new ArrayList<>();
            for (int i = 1; i <= m.groupCount(); i++) {
                captures.add(java.net.URLDecoder.decode(m.group(i), java.nio.charset.StandardCharsets.UTF_8));
            }
            return Optional.of(route.handler().handle(request.with(request.user(), captures)));
        }
        return Optional.empty();
    }

    private static boolean contentTypeMatches(String consumes, String contentType) {
        if (consumes == null) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return media.equals(consumes);
    }
}
