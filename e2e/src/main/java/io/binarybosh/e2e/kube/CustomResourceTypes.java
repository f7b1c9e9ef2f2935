package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The resource types announced by the CRDs stored in the mock, one per served version. */
final class CustomResourceTypes {

    private final KubernetesSerialization serialization;

    CustomResourceTypes(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    List<ResourceType> from(String crdListJson) {
        CustomResourceDefinitionList list = serialization.unmarshal(crdListJson, CustomResourceDefinitionList.class);
        return Optional.ofNullable(list.getItems()).orElse(List.of()).stream()
                .filter(crd -> crd.getMetadata().getDeletionTimestamp() == null)
                .flatMap(this::types)
                .toList();
    }

    private Stream<ResourceType> types(CustomResourceDefinition crd) {
        CustomResourceDefinitionNames names = crd.getSpec().getNames();
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        return crd.getSpec().getVersions().stream()
                .filter(version -> !Boolean.FALSE.equals(version.getServed()))
                .map(version -> new ResourceType(crd.getSpec().getGroup(), version.getName(), names.getPlural(),
                        Objects.requireNonNullElse(names.getSingular(), names.getKind().toLowerCase(Locale.ROOT)),
                        names.getKind(), namespaced, orEmpty(names.getShortNames()), orEmpty(names.getCategories()),
                        hasStatus(version)));
    }

    private static boolean hasStatus(CustomResourceDefinitionVersion version) {
        return version.getSubresources() != null && version.getSubresources().getStatus() != null;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
