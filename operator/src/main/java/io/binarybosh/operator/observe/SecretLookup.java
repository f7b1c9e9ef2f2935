package io.binarybosh.operator.observe;

import io.fabric8.kubernetes.api.model.Secret;

import java.util.Optional;

/** Finds a Secret by namespace and name; in the operator, read by name and kept a minute ({@link ReferencedObjects}). */
@FunctionalInterface
public interface SecretLookup {

    Optional<Secret> find(String namespace, String name);

    /** What the Secret holds was refused or unusable: the next lookup reads it again. */
    default void stale(String namespace, String name) {
    }
}
