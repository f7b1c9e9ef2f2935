package io.binarybosh.e2e.kube;

import java.util.List;
import java.util.Locale;

/**
 * One kind of resource as API discovery announces it.
 *
 * @param group      API group; empty for the core group
 * @param version    API version within the group
 * @param plural     the resource name in paths
 * @param singular   the singular name kubectl accepts
 * @param kind       the kind
 * @param namespaced whether objects live in a namespace
 * @param shortNames short names (kubectl get bbp)
 * @param categories categories (kubectl get bosh)
 * @param status     whether it has a status subresource
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> categories, boolean status) {

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
    }

    static ResourceType core(String plural, String kind, boolean namespaced, String... shortNames) {
        return builtIn("", plural, kind, namespaced, false, shortNames);
    }

    static ResourceType builtIn(String groupVersion, String plural, String kind, boolean namespaced, boolean status,
                                String... shortNames) {
        String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
        String version = groupVersion.contains("/") ? groupVersion.substring(groupVersion.indexOf('/') + 1) : "v1";
        return new ResourceType(group, version, plural, kind.toLowerCase(Locale.ROOT), kind, namespaced,
                List.of(shortNames), List.of(), status);
    }

    /** "v1" for the core group, "group/version" otherwise, as in apiVersion. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
