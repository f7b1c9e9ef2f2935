package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.model.DirectorRole;
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

    /**
     * It answered /info and accepted the credentials, but the calls that read its database (/resurrection,
     * /deployments) failed: their error. A real director serves /info from memory, so this is what a director
     * whose postgres is down looks like (bosh {@code director/config.rb} reads the uuid once, at start).
     */
    public Optional<String> databaseFailure() {
        return reachable() && details != null && details.error() != null ? Optional.of(details.error())
                : Optional.empty();
    }

    /** Reachable and its deployments were read: a list to decide from. */
    public boolean listed() {
        return reachable() && details != null && details.error() == null;
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
