package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorInfo;

import java.time.Instant;
import java.util.Optional;

/**
 * One look at one director. {@code info} is present when /info answered; {@code user} when the credentials
 * were accepted, and then {@code details} holds what else it told. {@code lastAnsweredAt} is the last time this
 * director answered, as far as this operator process knows; {@code silentSince} when this process first found it
 * silent after that (so that downtime is never overestimated after a restart). {@code detail} says what went
 * wrong, without secrets.
 */
public record DirectorObservation(DirectorRole role, String url, Outcome outcome, DirectorInfo info, String user,
                                  ConfigProblem configProblem, String detail, Instant observedAt,
                                  Instant lastAnsweredAt, DirectorDetails details, Instant silentSince) {

    public boolean reachable() {
        return outcome == Outcome.REACHABLE;
    }

    /** No usable answer at all: refused, timed out, untrusted, garbled. */
    public boolean silent() {
        return switch (outcome) {
            case UNREACHABLE, TLS_UNTRUSTED, UNEXPECTED_RESPONSE -> true;
            default -> false;
        };
    }

    public Optional<DirectorDetails> detailsView() {
        return Optional.ofNullable(details);
    }

    public DirectorObservation silentSince(Instant since) {
        return new DirectorObservation(role, url, outcome, info, user, configProblem, detail, observedAt,
                lastAnsweredAt, details, since);
    }

    public DirectorObservation withDetails(DirectorDetails newDetails) {
        return new DirectorObservation(role, url, outcome, info, user, configProblem, detail, observedAt,
                lastAnsweredAt, newDetails, silentSince);
    }

    public boolean answered() {
        return info != null;
    }

    public Optional<ConfigProblem> problem() {
        return Optional.ofNullable(configProblem);
    }

    public static DirectorObservation notContacted(DirectorRole role, String url, ConfigProblem problem,
                                                   Instant now, Instant lastAnsweredAt) {
        return new DirectorObservation(role, url, Outcome.NOT_CONTACTED, null, null, problem, problem.message(), now,
                lastAnsweredAt, null, null);
    }
}
