package io.binarybosh.e2e.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one {@code helm template} output, as generic resources (kind, name and the raw fields).
 *
 * @param manifests the rendered text
 * @param objects   its documents, in order
 */
public record RenderedChart(String manifests, List<GenericKubernetesResource> objects) {

    static RenderedChart parse(String manifests) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<GenericKubernetesResource> objects = Arrays.stream(manifests.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> serialization.unmarshal(document, GenericKubernetesResource.class))
                .toList();
        return new RenderedChart(manifests, objects);
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return objects.stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    GenericKubernetesResource only(String kind) {
        List<GenericKubernetesResource> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The only object of {@code type}'s kind, typed. */
    <T extends HasMetadata> T only(Class<T> type) {
        return new KubernetesSerialization().convertValue(only(HasMetadata.getKind(type)), type);
    }

    /** Every object of {@code type}'s kind, typed. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        return ofKind(HasMetadata.getKind(type)).stream().map(object -> serialization.convertValue(object, type))
                .toList();
    }

    Optional<GenericKubernetesResource> find(String kind, String name) {
        return objects.stream()
                .filter(object -> object.getKind().equals(kind) && object.getMetadata().getName().equals(name))
                .findFirst();
    }
}
