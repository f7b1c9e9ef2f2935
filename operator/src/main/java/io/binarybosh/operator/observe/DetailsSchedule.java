package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a poll reads an answering director's details again, or reuses those of its last full read. {@code /info}
 * is asked at every poll, so a director that stops answering, or answers differently, is seen at once. What only the
 * details show (its deployments and locks, resurrection, its view of the director it manages) is read again at
 * least every {@link #FULL_READ_EVERY}, when the agent check is due, and at the very next poll whenever anything
 * suggests it moved: a different {@code /info}, the peer falling silent or answering again, a changed spec, an
 * operation in flight, a Micro declared (split brain is told from its deployments), a desired manifest to compare,
 * or a last read that was not all well (an error, a lock, a task in flight other than an agent check, an agent not
 * running, resurrection off).
 * While all is well, a poll then costs each director one request instead of five. The periodic full read also waits
 * for as many polls as fill its interval at the pair's poll interval (four at 15 s), so an operator behind its
 * schedule does not read in full at every late poll. With the pair's phases given
 * ({@link PairPhase}), the periodic full read and the agent check fall on the pair's own slots in their intervals,
 * so that pairs started together do not all read in full, or ask for a director task, in the same poll.
 */
final class DetailsSchedule {

    /** The longest a poll on time reuses details: four polls at the default interval of 15 s (late polls wait for four). */
    static final Duration FULL_READ_EVERY = Duration.ofSeconds(60);

    /**
     * The last full read of one director's details and what the poll that made it saw.
     *
     * @param reused how many polls since then used these details instead of reading
     */
    record LastRead(DirectorDetails details, Instant readAt, DirectorInfo info, boolean peerSilent, long generation,
                    int reused) {

        LastRead {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(readAt, "readAt");
        }

        LastRead(DirectorDetails details, Instant readAt, DirectorInfo info, boolean peerSilent, long generation) {
            this(details, readAt, info, peerSilent, generation, 0);
        }

        /** The same read, used by one more poll. */
        LastRead reusedOnce() {
            return new LastRead(details, readAt, info, peerSilent, generation, reused + 1);
        }
    }

    /**
     * What this poll saw.
     *
     * @param peerSilent whether the director this one manages is silent now
     * @param watchful   whether the pair needs every detail at every poll (an operation in flight, a Micro
     *                   declared, a desired manifest to compare)
     * @param phases     the pair's slots for this director's full reads and agent checks; null: at fixed distances
     *                   from the last ones
     */
    record Poll(Instant now, DirectorInfo info, boolean peerSilent, long generation, boolean watchful,
                Phases phases, Duration pollInterval) {

        Poll(Instant now, DirectorInfo info, boolean peerSilent, long generation, boolean watchful) {
            this(now, info, peerSilent, generation, watchful, null, null);
        }

        Poll(Instant now, DirectorInfo info, boolean peerSilent, long generation, boolean watchful,
             Phases phases) {
            this(now, info, peerSilent, generation, watchful, phases, null);
        }

        /**
         * How many polls at the pair's interval fill {@link #FULL_READ_EVERY}: the periodic full read also waits
         * for that many, so that polls that come late (an operator behind its schedule) do not all read in full
         * and fall further behind; 1 without an interval.
         */
        int pollsPerFullRead() {
            if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
                return 1;
            }
            return (int) Math.max(1, FULL_READ_EVERY.toMillis() / pollInterval.toMillis());
        }
    }

    /** Where in their intervals a director's full reads and its agent checks fall for one pair. */
    record Phases(PairPhase fullRead, PairPhase agentCheck) {

        Phases {
            Objects.requireNonNull(fullRead, "fullRead");
            Objects.requireNonNull(agentCheck, "agentCheck");
        }
    }

    private DetailsSchedule() {
    }

    /** Why a poll reads a director's details in full. */
    enum FullRead {
        FIRST, WATCHFUL, CHANGED, PERIODIC, FIRST_AGENT_CHECK, NOT_WELL
    }

    static boolean fullReadDue(LastRead last, Poll poll) {
        return whyFullRead(last, poll).isPresent();
    }

    /** Why this poll reads in full, or empty when it reuses the last read's details. */
    static Optional<FullRead> whyFullRead(LastRead last, Poll poll) {
        if (last == null) {
            return Optional.of(FullRead.FIRST);
        }
        if (poll.watchful()) {
            return Optional.of(FullRead.WATCHFUL);
        }
        if (!Objects.equals(last.info(), poll.info()) || last.peerSilent() != poll.peerSilent()
                || last.generation() != poll.generation()) {
            return Optional.of(FullRead.CHANGED);
        }
        Instant nextRead = poll.phases() == null ? last.readAt().plus(FULL_READ_EVERY)
                : poll.phases().fullRead().nextAfter(last.readAt(), FULL_READ_EVERY);
        if (!nextRead.isAfter(poll.now()) && last.reused() + 1 >= poll.pollsPerFullRead()) {
            return Optional.of(FullRead.PERIODIC);
        }
        if (poll.phases() != null && firstAgentCheckDue(last, poll)) {
            return Optional.of(FullRead.FIRST_AGENT_CHECK);
        }
        return allWell(last.details(), poll.now(), poll.phases()) ? Optional.empty() : Optional.of(FullRead.NOT_WELL);
    }

    /**
     * The first agent check of a managed deployment falls on the pair's slot within
     * {@link DirectorDetailsReader#FIRST_CHECK_SPREAD} of the read that first saw it ({@link DirectorDetailsReader}
     * counts from there): the poll at that slot reads in full, so that the check is made then and not at the next
     * periodic full read, up to a minute later.
     */
    private static boolean firstAgentCheckDue(LastRead last, Poll poll) {
        ManagedDeploymentView managed = last.details().managed();
        if (managed == null || !managed.exists() || managed.agent() != null) {
            return false;
        }
        return !poll.phases().agentCheck().slotAtOrAfter(last.readAt(), DirectorDetailsReader.FIRST_CHECK_SPREAD)
                .isAfter(poll.now());
    }

    /** Nothing in these details that the next poll must look at again. */
    static boolean allWell(DirectorDetails details, Instant now) {
        return allWell(details, now, null);
    }

    /**
     * As {@link #allWell(DirectorDetails, Instant)}; with phases, an agent check is due at the pair's next slot,
     * and one not made yet (put off to the pair's first slot, see {@link DirectorDetailsReader}) is no reason to
     * read again before the next full read.
     */
    static boolean allWell(DirectorDetails details, Instant now, Phases phases) {
        if (details.error() != null || !Boolean.TRUE.equals(details.resurrectionEnabled())
                || details.deploymentsLocked().containsValue(Boolean.TRUE)) {
            return false;
        }
        ManagedDeploymentView managed = details.managed();
        if (managed == null) {
            return true;
        }
        AgentView agent = managed.agent();
        if (!managed.exists() || managed.locked() || managed.error() != null || !managed.changingTasks().isEmpty()) {
            return false;
        }
        if (agent == null) {
            return phases != null;
        }
        Instant nextCheck = phases == null ? agent.checkedAt().plus(DirectorDetailsReader.AGENT_CHECK_INTERVAL)
                : phases.agentCheck().nextAfter(agent.checkedAt(), DirectorDetailsReader.AGENT_CHECK_INTERVAL);
        return agent.running() && nextCheck.isAfter(now);
    }
}
