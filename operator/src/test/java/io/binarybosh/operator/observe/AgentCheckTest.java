package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.NameVersion;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.binarybosh.operator.support.MutableClock;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent check: its result read by instance, never two of the operator's own in flight, a late one cancelled. */
class AgentCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final ResourceID PAIR = new ResourceID("bosh", "ns");

    /** Meta's view of Primary's deployment, with what the test sets. */
    private static final class Meta extends FakeDirectorClient {
        List<Task> inFlight = List.of();
        List<VmDetails> lines = List.of();
        final List<Long> cancelled = new ArrayList<>();
        int checks;

        Meta() {
            super("meta", new ArrayList<>());
        }

        @Override
        public boolean resurrectionEnabled() {
            return true;
        }

        @Override
        public List<Deployment> deployments(DeploymentsQuery query) {
            return List.of(new Deployment("bosh-primary", List.of(), null, List.<NameVersion>of(),
                    List.<NameVersion>of(), false));
        }

        @Override
        public List<Instance> instances(String deployment) {
            return List.of(new Instance("agent-b", "vm-b", "bosh", 0, "uuid-b", "z1", List.of("10.0.0.6"), null,
                    true));
        }

        @Override
        public List<Task> tasks(TaskQuery query) {
            return inFlight;
        }

        @Override
        public String manifest(String deployment) {
            return "";
        }

        @Override
        public List<Config> configs(String type, boolean latest) {
            return List.of();
        }

        @Override
        public List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
            checks++;
            return lines;
        }

        @Override
        public void cancelTask(long taskId) {
            cancelled.add(taskId);
        }
    }

    private static VmDetails line(String id, String cid, String jobState, boolean ignore) {
        return new VmDetails(cid, true, null, Map.of(), null, List.of(), List.of(), "agent-" + id, "bosh", 0, jobState,
                "started", "default", null, List.of(), "z1", id, true, ignore, null);
    }

    private static ManagedDeploymentView read(Meta meta) {
        return new DirectorDetailsReader(Clock.fixed(NOW, ZoneOffset.UTC)).read(PAIR, DirectorRole.META, meta,
                "bosh-primary", null, false, "admin", false).managed();
    }

    @Test
    void theLineOfTheInstanceIsReadWhateverItsPlace() {
        Meta meta = new Meta();
        meta.lines = List.of(line("uuid-a", "vm-a", "running", false), line("uuid-b", "vm-b",
                "unresponsive agent", true));
        AgentView agent = read(meta).agent();
        assertThat(agent.vmCid()).isEqualTo("vm-b");
        assertThat(agent.unresponsive()).isTrue();
        assertThat(agent.ignored()).isTrue();
    }

    @Test
    void noSecondCheckWhileOneOfOursIsInFlightAndALateOneIsCancelled() {
        Meta meta = new Meta();
        long late = NOW.minusSeconds(600).getEpochSecond();
        // a director shows no timestamp for a task in flight, and no started_at for a queued one
        meta.inFlight = List.of(
                new Task(11, TaskState.QUEUED, DirectorDetailsReader.AGENT_CHECK_TASK, null, null, null, "admin",
                        "bosh-primary", ""),
                new Task(12, TaskState.PROCESSING, DirectorDetailsReader.AGENT_CHECK_TASK, null, late, null, "admin",
                        "bosh-primary", ""),
                new Task(13, TaskState.PROCESSING, DirectorDetailsReader.AGENT_CHECK_TASK, null, late, null,
                        "someone", "bosh-primary", ""));
        read(meta);
        assertThat(meta.checks).isZero();
        assertThat(meta.cancelled).as("only the operator's own late check").containsExactly(12L);

        meta.inFlight = List.of();
        read(meta);
        assertThat(meta.checks).isEqualTo(1);
    }

    /** Seen by a read that ran beside the check's own wait: a queued task is young until seen queued for a minute. */
    @Test
    void aQueuedCheckIsCancelledOnlyAMinuteAfterItWasFirstSeen() {
        Meta meta = new Meta();
        meta.inFlight = List.of(new Task(21, TaskState.QUEUED, DirectorDetailsReader.AGENT_CHECK_TASK, null, null,
                null, "admin", "bosh-primary", ""));
        MutableClock clock = new MutableClock(NOW);
        DirectorDetailsReader reader = new DirectorDetailsReader(clock);

        reader.read(PAIR, DirectorRole.META, meta, "bosh-primary", null, false, "admin", false);
        clock.set(NOW.plusSeconds(60));
        reader.read(PAIR, DirectorRole.META, meta, "bosh-primary", null, false, "admin", false);
        assertThat(meta.cancelled).as("queued for a minute, not more").isEmpty();

        clock.set(NOW.plusSeconds(61));
        reader.read(PAIR, DirectorRole.META, meta, "bosh-primary", null, false, "admin", false);
        assertThat(meta.cancelled).containsExactly(21L);
        assertThat(meta.checks).as("none beside it").isZero();
    }
}
