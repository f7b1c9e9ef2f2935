package io.binarybosh.operator.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;

import java.util.Optional;

/** Finds a ConfigMap by namespace and name; in the operator, from the watch of that one object. */
@FunctionalInterface
public interface ConfigMapLookup {

    Optional<ConfigMap> find(String namespace, String name);
}
