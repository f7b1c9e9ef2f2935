package io.binarybosh.operator.decide;

import io.binarybosh.operator.observe.DirectorObservation;

import java.util.Optional;

/**
 * A director that answers /info but fails the calls that read its database: what every condition and refusal says
 * of it, so that a person looks at postgres on that VM rather than at the spec. Pure.
 */
public final class DatabaseFailure {

    public static final String ADVICE = "look at postgres on that director's VM: `monit summary` (is 'postgres' "
            + "running?) and its log in /var/vcap/sys/log/postgres/";

    private DatabaseFailure() {
    }

    /** The sentence for a director whose database is not answering; empty when its lists were read. */
    public static Optional<String> of(DirectorObservation observation) {
        if (observation == null) {
            return Optional.empty();
        }
        return observation.databaseFailure().map(error -> observation.role().displayName() + " at "
                + observation.url() + " answers /info and accepts the credentials, but the director's database is "
                + "not answering: " + error + "; " + ADVICE);
    }
}
