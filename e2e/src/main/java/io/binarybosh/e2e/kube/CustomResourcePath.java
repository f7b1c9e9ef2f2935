package io.binarybosh.e2e.kube;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to custom resources: {@code /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>[/status]]}.
 *
 * @param name   the object's name; null for the collection
 * @param status whether the path is the status subresource
 */
record CustomResourcePath(String group, String version, String plural, String name, boolean status) {

    private static final Pattern PATH = Pattern.compile(
            "/apis/([^/]+\\.[^/]+)/([^/]+)(?:/namespaces/[^/]+)?/([^/]+)(?:/([^/]+)(/status)?)?");

    /** The parsed path (without query), or empty for any other path, built-in groups included. */
    static Optional<CustomResourcePath> parse(String bare) {
        Matcher matcher = PATH.matcher(bare);
        if (!matcher.matches() || matcher.group(1).endsWith(".k8s.io") || matcher.group(3).equals("namespaces")) {
            return Optional.empty();
        }
        return Optional.of(new CustomResourcePath(matcher.group(1), matcher.group(2), matcher.group(3),
                matcher.group(4), matcher.group(5) != null));
    }

    /** The object's own path, without the subresource. */
    String objectPath(String bare) {
        return status ? bare.substring(0, bare.length() - "/status".length()) : bare;
    }
}
