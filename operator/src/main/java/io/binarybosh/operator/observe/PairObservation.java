package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.DirectorRole;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the operator saw of one pair's directors in one poll that started at {@code observedAt}. Immutable; the
 * decision works on it alone.
 * {@code micro} is absent when no bootstrap Micro is declared.
 */
public record PairObservation(long generation, DirectorObservation primary, DirectorObservation meta,
                              DirectorObservation micro, Instant observedAt, DesiredManifest primaryManifest,
                              DesiredManifest metaManifest) {

    public PairObservation(long generation, DirectorObservation primary, DirectorObservation meta,
                           DirectorObservation micro, Instant observedAt) {
        this(generation, primary, meta, micro, observedAt, null, null);
    }

    /** The desired manifest of Primary's or Meta's deployment, when a manifestRef is declared. */
    public Optional<DesiredManifest> desiredManifest(DirectorRole role) {
        return Optional.ofNullable(role == DirectorRole.PRIMARY ? primaryManifest
                : role == DirectorRole.META ? metaManifest : null);
    }

    public Optional<DirectorObservation> microObservation() {
        return Optional.ofNullable(micro);
    }

    public DirectorObservation of(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> primary;
            case META -> meta;
            case MICRO -> micro;
        };
    }
}
