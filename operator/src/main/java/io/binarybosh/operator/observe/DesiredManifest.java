package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;

import java.util.Optional;

/** The manifest a director's deployment should have, from its manifestRef ConfigMap, or why it cannot be read. */
public record DesiredManifest(String yaml, ConfigProblem problem) {

    public Optional<ConfigProblem> configProblem() {
        return Optional.ofNullable(problem);
    }
}
