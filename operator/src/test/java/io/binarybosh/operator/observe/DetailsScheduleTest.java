package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetailsScheduleTest {

    private static final Instant READ = Instant.parse("2026-12-04T12:00:00Z");
    private static final DirectorInfo INFO = info("283.1.6 (00000000)");

    private static DirectorInfo info(String version) {
        return new DirectorInfo("meta-bosh", "uuid", version, "admin", "cpi",
                new UserAuthentication("uaa", "https://10.0.0.6:8443", List.of()));
    }

    private static ManagedDeploymentView managed(boolean locked, List<Task> tasks, AgentView agent) {
        return new ManagedDeploymentView("primary", true, locked, List.of(), tasks, agent, null, null);
    }

    private static DirectorDetails wellDetails() {
        return new DirectorDetails(true, Map.of("primary", false),
                managed(false, List.of(), new AgentView("running", "vm-1", "agent-1", READ)), null);
    }

    private static DetailsSchedule.LastRead last(DirectorDetails details) {
        return new DetailsSchedule.LastRead(details, READ, INFO, false, 3);
    }

    private static DetailsSchedule.Poll pollAfter(Duration after) {
        return new DetailsSchedule.Poll(READ.plus(after), INFO, false, 3, false);
    }

    @Test
    void whileAllIsWellTheDetailsOfTheLastFullReadAreReusedForAMinute() {
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), pollAfter(Duration.ofSeconds(15)))).isFalse();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), pollAfter(Duration.ofSeconds(59)))).isFalse();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), pollAfter(DetailsSchedule.FULL_READ_EVERY)))
                .isTrue();
    }

    @Test
    void theFirstPollReadsInFull() {
        assertThat(DetailsSchedule.fullReadDue(null, pollAfter(Duration.ZERO))).isTrue();
    }

    @Test
    void aDifferentInfoAChangedSpecOrThePeerFallingSilentReadsInFullAtOnce() {
        Instant soon = READ.plusSeconds(15);
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()),
                new DetailsSchedule.Poll(soon, info("284.0.0 (00000000)"), false, 3, false))).isTrue();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()),
                new DetailsSchedule.Poll(soon, INFO, true, 3, false))).isTrue();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()),
                new DetailsSchedule.Poll(soon, INFO, false, 4, false))).isTrue();
    }

    @Test
    void aWatchfulPairReadsInFullAtEveryPoll() {
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()),
                new DetailsSchedule.Poll(READ.plusSeconds(15), INFO, false, 3, true))).isTrue();
    }

    @Test
    void anythingNotWellIsLookedAtAgainAtTheNextPoll() {
        AgentView running = new AgentView("running", "vm-1", "agent-1", READ);
        Task task = new Task(7, TaskState.PROCESSING, "scan and fix", null, null, null, "admin", "primary", null);
        List<DirectorDetails> notWell = List.of(
                new DirectorDetails(null, Map.of(), null, "GET /deployments: 500"),
                new DirectorDetails(false, Map.of("primary", false), managed(false, List.of(), running), null),
                new DirectorDetails(true, Map.of("primary", true), managed(true, List.of(), running), null),
                new DirectorDetails(true, Map.of("primary", false), managed(false, List.of(task), running), null),
                new DirectorDetails(true, Map.of("primary", false), managed(false, List.of(),
                        new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", READ)), null),
                new DirectorDetails(true, Map.of("primary", false), managed(false, List.of(), null), null),
                new DirectorDetails(true, Map.of(), new ManagedDeploymentView("primary", false, false, List.of(),
                        List.of(), null, null, null), null));
        for (DirectorDetails details : notWell) {
            assertThat(DetailsSchedule.fullReadDue(last(details), pollAfter(Duration.ofSeconds(15))))
                    .as("%s", details).isTrue();
        }
    }

    /** Polls that come late (the operator behind its schedule) read in full one in four, as polls on time do. */
    @Test
    void latePollsReadInFullOnlyOnceAsManyPollsAsFillTheIntervalUsedTheDetails() {
        Duration interval = Duration.ofSeconds(15);
        DetailsSchedule.LastRead read = last(wellDetails());
        for (int late = 1; late <= 3; late++) {
            DetailsSchedule.Poll poll = new DetailsSchedule.Poll(READ.plusSeconds(75L * late), INFO, false, 3,
                    false, null, interval);
            assertThat(DetailsSchedule.fullReadDue(read, poll)).as("late poll %d", late).isFalse();
            read = read.reusedOnce();
        }
        assertThat(DetailsSchedule.fullReadDue(read, new DetailsSchedule.Poll(READ.plusSeconds(300), INFO, false, 3,
                false, null, interval))).isTrue();

        DetailsSchedule.LastRead onTime = last(wellDetails()).reusedOnce().reusedOnce().reusedOnce();
        assertThat(DetailsSchedule.fullReadDue(onTime, new DetailsSchedule.Poll(READ.plus(
                DetailsSchedule.FULL_READ_EVERY), INFO, false, 3, false, null, interval)))
                .as("on time: the fourth poll after the read").isTrue();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), new DetailsSchedule.Poll(READ.plusSeconds(75),
                INFO, false, 3, false, null, Duration.ofSeconds(60)))).as("an interval of a minute: every poll")
                .isTrue();
    }

    /** An agent check in flight (this operator's, or a person's {@code bosh instances --ps}) changes nothing. */
    @Test
    void anAgentCheckInFlightIsNoReasonToReadAgain() {
        AgentView running = new AgentView("running", "vm-1", "agent-1", READ);
        Task check = new Task(8, TaskState.QUEUED, DirectorDetailsReader.AGENT_CHECK_TASK, null, null, null, "admin",
                "primary", null);
        DirectorDetails details = new DirectorDetails(true, Map.of("primary", false),
                managed(false, List.of(check), running), null);
        assertThat(DetailsSchedule.fullReadDue(last(details), pollAfter(Duration.ofSeconds(15)))).isFalse();
    }

    @Test
    void theAgentCheckFallingDueReadsInFull() {
        DirectorDetails details = new DirectorDetails(true, Map.of("primary", false), managed(false, List.of(),
                new AgentView("running", "vm-1", "agent-1",
                        READ.minus(DirectorDetailsReader.AGENT_CHECK_INTERVAL).plusSeconds(10))), null);
        assertThat(DetailsSchedule.fullReadDue(last(details), pollAfter(Duration.ofSeconds(5)))).isFalse();
        assertThat(DetailsSchedule.fullReadDue(last(details), pollAfter(Duration.ofSeconds(10)))).isTrue();
    }

    @Test
    void withThePairsPhasesTheFullReadAndTheAgentCheckFallOnItsSlots() {
        DetailsSchedule.Phases phases = new DetailsSchedule.Phases(new PairPhase(0.5), new PairPhase(0.5));
        Instant fullReadSlot = phases.fullRead().nextAfter(READ, DetailsSchedule.FULL_READ_EVERY);
        DetailsSchedule.Poll before = new DetailsSchedule.Poll(fullReadSlot.minusMillis(1), INFO, false, 3, false,
                phases);
        DetailsSchedule.Poll at = new DetailsSchedule.Poll(fullReadSlot, INFO, false, 3, false, phases);
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), before)).isFalse();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()), at)).isTrue();

        Instant checkSlot = phases.agentCheck().nextAfter(READ, DirectorDetailsReader.AGENT_CHECK_INTERVAL);
        assertThat(DetailsSchedule.allWell(wellDetails(), checkSlot.minusMillis(1), phases)).isTrue();
        assertThat(DetailsSchedule.allWell(wellDetails(), checkSlot, phases)).as("the agent check is due").isFalse();
    }

    @Test
    void anAgentCheckPutOffToThePairsSlotIsNoReasonToReadAgainBeforeIt() {
        DirectorDetails unchecked = new DirectorDetails(true, Map.of("primary", false),
                managed(false, List.of(), null), null);
        DetailsSchedule.Phases phases = new DetailsSchedule.Phases(new PairPhase(0.1), new PairPhase(0.9));
        assertThat(DetailsSchedule.allWell(unchecked, READ, phases)).isTrue();
        assertThat(DetailsSchedule.allWell(unchecked, READ)).as("without phases, checked at once").isFalse();
    }

    @Test
    void theFirstAgentChecksSlotReadsInFullWithoutWaitingForTheNextPeriodicRead() {
        DirectorDetails unchecked = new DirectorDetails(true, Map.of("primary", false),
                managed(false, List.of(), null), null);
        DetailsSchedule.Phases phases = new DetailsSchedule.Phases(new PairPhase(0.99), new PairPhase(0.5));
        Instant firstCheck = phases.agentCheck().slotAtOrAfter(READ, DirectorDetailsReader.FIRST_CHECK_SPREAD);
        Instant fullRead = phases.fullRead().nextAfter(READ, DetailsSchedule.FULL_READ_EVERY);
        assertThat(fullRead).as("the periodic full read comes later").isAfter(firstCheck.plusSeconds(20));

        assertThat(DetailsSchedule.fullReadDue(last(unchecked),
                new DetailsSchedule.Poll(firstCheck.minusMillis(1), INFO, false, 3, false, phases))).isFalse();
        assertThat(DetailsSchedule.fullReadDue(last(unchecked),
                new DetailsSchedule.Poll(firstCheck, INFO, false, 3, false, phases))).isTrue();
        assertThat(DetailsSchedule.fullReadDue(last(wellDetails()),
                new DetailsSchedule.Poll(firstCheck, INFO, false, 3, false, phases))).as("checked already").isFalse();
    }
}
