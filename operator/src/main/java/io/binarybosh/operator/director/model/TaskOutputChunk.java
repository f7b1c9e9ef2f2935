package io.binarybosh.operator.director.model;

/**
 * A piece of task output read from a byte offset. {@code nextOffset} is where the next read starts;
 * {@code text} is empty when the director had nothing new (416 or 204).
 */
public record TaskOutputChunk(String text, long nextOffset) {
}
