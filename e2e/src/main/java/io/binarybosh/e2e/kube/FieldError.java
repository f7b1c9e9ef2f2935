package io.binarybosh.e2e.kube;

/**
 * One cause of a 422 as the API server words it.
 *
 * @param reason  the cause reason: FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, ...
 * @param field   the field path, e.g. {@code spec.primary.url}
 * @param message the message without the field, e.g. {@code Required value}
 */
record FieldError(String reason, String field, String message) {

    /** What kubectl prints for this cause: {@code spec.primary.url: Invalid value: ...}. */
    String text() {
        return field + ": " + message;
    }
}
