package io.binarybosh.operator.model;

/**
 * Why a director could not be contacted: a problem in the spec or in what it references. {@code reason} is
 * the SpecValid condition's reason; {@code message} names the Secret, key or field, never a value.
 */
public record ConfigProblem(Reason reason, String message) {
}
