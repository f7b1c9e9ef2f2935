package io.binarybosh.operator.observe;

/**
 * Why a director could not be contacted: a problem in the spec or in what it references. {@code reason} is a
 * CamelCase condition reason; {@code message} names the Secret, key or field, never a value.
 */
public record ConfigProblem(String reason, String message) {
}
