package io.binarybosh.operator.director.model;

/** A release or stemcell reference: name and version. */
public record NameVersion(String name, String version) {
}
