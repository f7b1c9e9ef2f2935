package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault mode of the embedded API: another writer (a person's {@code kubectl annotate}, a second replica) changes
 * the object just before a write of its status subresource arrives, so that the write, based on the version its
 * writer read, is refused with 409. It takes turns: the status write that follows a refused one goes through, so
 * that every status write's first attempt is refused and its writer's second, after reading the object again, can
 * succeed.
 */
final class ForeignStatusWriter {

    /** The annotation the foreign writer changes: a counter. */
    static final String ANNOTATION = "e2e.binarybosh.io/foreign-write";

    private volatile boolean on;
    private boolean lastChanged;
    private final AtomicInteger changes = new AtomicInteger();

    void switchOn(boolean on) {
        this.on = on;
        lastChanged = false;
    }

    /** Whether to change the object before this status write; callers hold the API's write lock. */
    boolean takesTurn() {
        if (!on) {
            return false;
        }
        lastChanged = !lastChanged;
        return lastChanged;
    }

    /** The merge patch of the next foreign change. */
    JsonNode nextChange() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("metadata").putObject("annotations").put(ANNOTATION,
                String.valueOf(changes.incrementAndGet()));
        return patch;
    }

    int changes() {
        return changes.get();
    }
}
