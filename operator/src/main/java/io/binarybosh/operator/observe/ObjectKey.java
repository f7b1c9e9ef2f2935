package io.binarybosh.operator.observe;

/** A namespaced object's address; {@link #toString()} is the {@code namespace/name} key of the pairs' indexes. */
public record ObjectKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
