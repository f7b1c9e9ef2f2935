package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorInfo;

import java.time.Instant;
import java.util.Optional;

/**
 * One look at one director. {@code info} is present when /info answered; {@code user} when the credentials
 * were accepted. {@code lastAnsweredAt} is the last time this director answered, as far as this operator process
 * knows. {@code detail} says what went wrong, without secrets.
 */
public record DirectorObservation(DirectorRole role, String url, Outcome outcome, DirectorInfo info, String user,
                                  ConfigProblem configProblem, String detail, Instant observedAt,
                                  Instant lastAnsweredAt) {

    public boolean answered() {
        return info != null;
    }

    public Optional<ConfigProblem> problem() {
        return Optional.ofNullable(configProblem);
    }

    public static DirectorObservation notContacted(DirectorRole role, String url, ConfigProblem problem,
                                                   Instant now, Instant lastAnsweredAt) {
        return new DirectorObservation(role, url, Outcome.NOT_CONTACTED, null, null, problem, problem.message(), now,
                lastAnsweredAt);
    }
}
