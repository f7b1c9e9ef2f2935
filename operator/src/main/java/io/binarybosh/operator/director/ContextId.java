package io.binarybosh.operator.director;

import java.util.Objects;
import java.util.UUID;

/**
 * The {@code X-Bosh-Context-Id} sent on every task-creating call. The director refuses more than 64
 * characters; printable ASCII only, so it is always a valid header value. A real director stores it on the
 * task only for deploy, job-state and delete-deployment tasks.
 */
public record ContextId(String value) {

    public static final int MAX_LENGTH = 64;

    public ContextId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a context id has 1 to " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a context id is printable ASCII without spaces");
        }
    }

    public static ContextId of(String value) {
        return new ContextId(value);
    }

    /** A fresh id, {@code binarybosh-<uuid>} (47 characters). */
    public static ContextId random() {
        return new ContextId("binarybosh-" + UUID.randomUUID());
    }
}
