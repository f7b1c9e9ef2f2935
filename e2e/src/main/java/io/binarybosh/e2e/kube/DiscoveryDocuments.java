package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The legacy (unaggregated) discovery documents: kubectl asks for the aggregated form first and falls back to
 * these when the answer is plain JSON.
 */
final class DiscoveryDocuments {

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    private final KubernetesSerialization serialization;
    private final Supplier<String> serverAddress;

    DiscoveryDocuments(KubernetesSerialization serialization, Supplier<String> serverAddress) {
        this.serialization = serialization;
        this.serverAddress = serverAddress;
    }

    /** The document at {@code path} (no query), or empty when the path is no discovery path. */
    Optional<String> document(String path, List<ResourceType> types) {
        if (path.equals("/version")) {
            return Optional.of(version());
        }
        if (path.equals("/api")) {
            return Optional.of(serialization.asJson(new APIVersionsBuilder().withVersions("v1")
                    .addNewServerAddressByClientCIDR("0.0.0.0/0", serverAddress.get()).build()));
        }
        if (path.equals("/apis")) {
            return Optional.of(serialization.asJson(new APIGroupListBuilder().withGroups(groups(types)).build()));
        }
        String[] segments = path.substring(1).split("/");
        if (segments.length == 2 && segments[0].equals("api")) {
            return resources("", segments[1], types);
        }
        if (segments.length == 3 && segments[0].equals("apis")) {
            return resources(segments[1], segments[2], types);
        }
        if (segments.length == 2 && segments[0].equals("apis")) {
            return groups(types).stream().filter(group -> group.getName().equals(segments[1])).findFirst()
                    .map(serialization::asJson);
        }
        return Optional.empty();
    }

    private String version() {
        return """
                {"major":"1","minor":"32","gitVersion":"v1.32.0","gitCommit":"0000000000000000000000000000000000000000",\
                "gitTreeState":"clean","buildDate":"2026-01-01T00:00:00Z","goVersion":"go1.23.0","compiler":"gc",\
                "platform":"linux/amd64"}""";
    }

    private Optional<String> resources(String group, String version, List<ResourceType> types) {
        List<APIResource> resources = types.stream()
                .filter(type -> type.group().equals(group) && type.version().equals(version))
                .flatMap(DiscoveryDocuments::resources)
                .toList();
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        return Optional.of(serialization.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion)
                .withResources(resources).build()));
    }

    private static Stream<APIResource> resources(ResourceType type) {
        APIResource resource = new APIResourceBuilder().withName(type.plural()).withSingularName(type.singular())
                .withNamespaced(type.namespaced()).withKind(type.kind()).withVerbs(VERBS)
                .withShortNames(type.shortNames().isEmpty() ? null : type.shortNames())
                .withCategories(type.categories().isEmpty() ? null : type.categories())
                .build();
        if (!type.status()) {
            return Stream.of(resource);
        }
        return Stream.of(resource, new APIResourceBuilder().withName(type.plural() + "/status").withSingularName("")
                .withNamespaced(type.namespaced()).withKind(type.kind()).withVerbs(STATUS_VERBS).build());
    }

    private static List<APIGroup> groups(List<ResourceType> types) {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        types.stream().filter(type -> !type.group().isEmpty()).forEach(type -> {
            List<String> versions = versionsByGroup.computeIfAbsent(type.group(), g -> new ArrayList<>());
            if (!versions.contains(type.version())) {
                versions.add(type.version());
            }
        });
        return versionsByGroup.entrySet().stream().map(entry -> {
            List<GroupVersionForDiscovery> versions = entry.getValue().stream()
                    .map(version -> new GroupVersionForDiscovery(entry.getKey() + "/" + version, version))
                    .toList();
            return new APIGroupBuilder().withName(entry.getKey()).withVersions(versions)
                    .withPreferredVersion(versions.get(0)).build();
        }).toList();
    }
}
