package io.binarybosh.operator.model;

/**
 * A status write was based on a resource version that is no longer current: another writer (a person, a second
 * replica) changed the pair since it was read. The write was not applied. Nothing that was to follow it may run:
 * the reconcile ends, reads the pair again and decides anew.
 */
public class StatusConflictException extends RuntimeException {

    private final String resourceVersion;

    public StatusConflictException(String namespace, String name, String resourceVersion, Throwable cause) {
        super("the status of " + namespace + "/" + name + " changed since resource version " + resourceVersion
                + " was read: not written", cause);
        this.resourceVersion = resourceVersion;
    }

    /** The resource version the rejected write was based on. */
    public String resourceVersion() {
        return resourceVersion;
    }
}
