package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a poll reads an answering director's details again, or reuses those of its last full read. {@code /info}
 * is asked at every poll, so a director that stops answering, or answers differently, is seen at once. What only the
 * details show (its deployments and locks, resurrection, its view of the director it manages) is read again at
 * least every {@link #FULL_READ_EVERY}, when the agent check is due, and at the very next poll whenever anything
 * suggests it moved: a different {@code /info}, the peer falling silent or answering again, a changed spec, an
 * operation in flight, a Micro declared (split brain is told from its deployments), a desired manifest to compare,
 * or a last read that was not all well (an error, a lock, a task in flight, an agent not running, resurrection off).
 * While all is well, a poll then costs each director one request instead of five.
 */
final class DetailsSchedule {

    /** The longest a poll reuses details; four polls at the default interval of 15 s. */
    static final Duration FULL_READ_EVERY = Duration.ofSeconds(60);

    /** The last full read of one director's details and what the poll that made it saw. */
    record LastRead(DirectorDetails details, Instant readAt, DirectorInfo info, boolean peerSilent, long generation) {

        LastRead {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(readAt, "readAt");
        }
    }

    /**
     * What this poll saw.
     *
     * @param peerSilent whether the director this one manages is silent now
     * @param watchful   whether the pair needs every detail at every poll (an operation in flight, a Micro
     *                   declared, a desired manifest to compare)
     */
    record Poll(Instant now, DirectorInfo info, boolean peerSilent, long generation, boolean watchful) {
    }

    private DetailsSchedule() {
    }

    static boolean fullReadDue(LastRead last, Poll poll) {
        if (last == null || poll.watchful()) {
            return true;
        }
        if (!Objects.equals(last.info(), poll.info()) || last.peerSilent() != poll.peerSilent()
                || last.generation() != poll.generation()) {
            return true;
        }
        if (!last.readAt().plus(FULL_READ_EVERY).isAfter(poll.now())) {
            return true;
        }
        return !allWell(last.details(), poll.now());
    }

    /** Nothing in these details that the next poll must look at again. */
    static boolean allWell(DirectorDetails details, Instant now) {
        if (details.error() != null || !Boolean.TRUE.equals(details.resurrectionEnabled())
                || details.deploymentsLocked().containsValue(Boolean.TRUE)) {
            return false;
        }
        ManagedDeploymentView managed = details.managed();
        if (managed == null) {
            return true;
        }
        AgentView agent = managed.agent();
        return managed.exists() && !managed.locked() && managed.error() == null && managed.inFlightTasks().isEmpty()
                && agent != null && agent.running()
                && agent.checkedAt().plus(DirectorDetailsReader.AGENT_CHECK_INTERVAL).isAfter(now);
    }
}
