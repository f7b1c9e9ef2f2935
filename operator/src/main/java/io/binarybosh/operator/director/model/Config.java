package io.binarybosh.operator.director.model;

/** One element of {@code GET /configs}; {@code content} is the config's YAML text. */
public record Config(String id, String name, String type, String content, String createdAt, String team,
                     Boolean current) {
}
