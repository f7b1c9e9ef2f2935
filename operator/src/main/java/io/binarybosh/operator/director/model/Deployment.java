package io.binarybosh.operator.director.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One element of {@code GET /deployments}. Lists left out by an {@code exclude_*} flag are empty;
 * {@code locked} is null when {@code exclude_lock} was sent, and true while a deployment lock exists.
 * {@code cloudConfig} is {@code none}, {@code latest} or {@code outdated}.
 */
public record Deployment(@JsonProperty(required = true) String name, List<String> teams, String cloudConfig,
                         List<NameVersion> stemcells, List<NameVersion> releases, Boolean locked) {

    public Deployment {
        teams = teams == null ? List.of() : List.copyOf(teams);
        stemcells = stemcells == null ? List.of() : List.copyOf(stemcells);
        releases = releases == null ? List.of() : List.copyOf(releases);
    }

    public boolean isLocked() {
        return Boolean.TRUE.equals(locked);
    }
}
