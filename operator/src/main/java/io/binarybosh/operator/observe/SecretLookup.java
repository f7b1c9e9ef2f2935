package io.binarybosh.operator.observe;

import io.fabric8.kubernetes.api.model.Secret;

import java.util.Optional;

/** Finds a Secret by namespace and name; in the operator, from the watch of that one object. */
@FunctionalInterface
public interface SecretLookup {

    Optional<Secret> find(String namespace, String name);
}
