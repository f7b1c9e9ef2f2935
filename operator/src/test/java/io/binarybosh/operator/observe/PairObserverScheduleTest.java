package io.binarybosh.operator.observe;

import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.binarybosh.operator.support.MutableClock;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** What a pair's polls ask its directors: all at the first, only /info while all is well, all again on a change. */
class PairObserverScheduleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final InMemoryDirector primary = new InMemoryDirector("primary-bosh", "meta");
    private final InMemoryDirector meta = new InMemoryDirector("meta-bosh", "primary");
    private PairObserver observer;
    private BinaryBoshPair pair;
    private ExecutorService ask;

    @BeforeEach
    void setUp() {
        ask = Executors.newSingleThreadExecutor();
        observer = ObservedPairs.observer(primary, meta, clock, ask);
        pair = ObservedPairs.pair();
    }

    private PairObservation poll() {
        clock.advance(Duration.ofSeconds(15));
        return observer.observe(pair);
    }

    @Test
    void theFirstPollAsksEverythingButTheAgentCheckAndLaterPollsOnlyInfoUntilTheFirstChecksSlot() {
        Instant start = clock.instant();
        PairObservation first = observer.observe(pair);
        assertThat(primary.calls).as("the agent check waits for the pair's slot").containsExactly("info",
                "resurrection", "deployments", "instances", "tasks", "manifest", "configs");
        assertThat(first.primary().details().managed().agent()).isNull();
        Instant firstCheck = DirectorDetailsReader.agentCheckPhase(ResourceID.fromResource(pair), DirectorRole.PRIMARY)
                .slotAtOrAfter(start, DirectorDetailsReader.FIRST_CHECK_SPREAD);
        primary.calls.clear();

        // polls every second until just before the slot: /info only, the details of the first read reused
        PairObservation last = first;
        while (clock.instant().plusSeconds(1).isBefore(firstCheck)) {
            clock.advance(Duration.ofSeconds(1));
            last = observer.observe(pair);
        }
        assertThat(primary.calls).isNotEmpty().containsOnly("info");
        assertThat(last.primary().details()).isEqualTo(first.primary().details());
        assertThat(last.primary().observedAt()).isAfter(first.primary().observedAt());
        primary.calls.clear();

        // the poll at the slot reads in full and makes the check, without waiting for the periodic full read
        clock.advance(Duration.between(clock.instant(), firstCheck));
        PairObservation checked = observer.observe(pair);
        assertThat(primary.calls).startsWith("info", "resurrection", "deployments", "instances", "tasks", "configs")
                .contains("instanceDetails");
        assertThat(checked.primary().details().managed().agent()).isNotNull();
    }

    @Test
    void theAgentCheckFallsAtThePairsSlotAndAgainOneIntervalLater() {
        Instant start = clock.instant();
        PairPhase phase = DirectorDetailsReader.agentCheckPhase(ResourceID.fromResource(pair), DirectorRole.PRIMARY);
        Instant slot = phase.slotAtOrAfter(start, DirectorDetailsReader.FIRST_CHECK_SPREAD);
        observer.observe(pair);
        while (clock.instant().plusSeconds(15).isBefore(slot)) {
            poll();
        }
        assertThat(primary.calls).doesNotContain("instanceDetails");

        PairObservation checked = null;
        for (int i = 0; i < 5 && !primary.calls.contains("instanceDetails"); i++) {
            checked = poll();
        }

        assertThat(primary.calls).as("checked within a minute of its slot").contains("instanceDetails");
        assertThat(checked.primary().details().managed().agent().running()).isTrue();
        primary.calls.clear();
        Instant next = phase.nextAfter(checked.primary().details().managed().agent().checkedAt(),
                DirectorDetailsReader.AGENT_CHECK_INTERVAL);
        while (clock.instant().plusSeconds(15).isBefore(next)) {
            poll();
        }
        assertThat(primary.calls).doesNotContain("instanceDetails");
        for (int i = 0; i < 5 && !primary.calls.contains("instanceDetails"); i++) {
            poll();
        }
        assertThat(primary.calls).contains("instanceDetails");
    }

    @Test
    void whileAnOperationIsInFlightTheFirstPollChecksTheAgentAtOnce() {
        pair.setStatus(new BinaryBoshPairStatus());
        OperationStatus operation = new OperationStatus();
        operation.setType("Repair");
        pair.getStatus().setOperation(operation);

        observer.observe(pair);

        assertThat(primary.calls).contains("instanceDetails");
    }

    @Test
    void aDirectorThatFallsSilentIsSeenAtOnceAndItsPeerIsReadInFull() {
        observer.observe(pair);
        poll();
        primary.calls.clear();
        meta.down = true;

        PairObservation silent = poll();

        assertThat(silent.meta().outcome()).isEqualTo(Outcome.UNREACHABLE);
        // Primary manages Meta: its view of Meta's deployment is read again, agent check included.
        assertThat(primary.calls).contains("instances", "tasks", "instanceDetails");
        meta.down = false;
        meta.calls.clear();

        PairObservation back = poll();

        assertThat(back.meta().reachable()).isTrue();
        assertThat(meta.calls).contains("resurrection", "deployments", "instances", "tasks");
    }

    @Test
    void aTaskInFlightIsLookedAtAgainAtEveryPoll() {
        observer.observe(pair);
        primary.inFlight = List.of(new Task(9, io.binarybosh.operator.director.model.TaskState.PROCESSING,
                "scan and fix", null, null, null, "hm", "meta", null));
        clock.advance(Duration.ofSeconds(60));
        observer.observe(pair);
        primary.calls.clear();

        PairObservation next = poll();

        assertThat(primary.calls).contains("tasks");
        assertThat(next.primary().details().managed().inFlightTasks()).hasSize(1);
    }

    @Test
    void aPairWithAnOperationInFlightIsReadInFullAtEveryPoll() {
        observer.observe(pair);
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setOperation(new OperationStatus());
        pair.setStatus(status);
        primary.calls.clear();

        poll();

        assertThat(primary.calls).contains("resurrection", "deployments", "instances", "tasks");
    }

    @Test
    void aChangedSpecIsReadInFullAtTheNextPoll() {
        observer.observe(pair);
        pair.getMetadata().setGeneration(2L);
        primary.calls.clear();

        poll();

        assertThat(primary.calls).contains("deployments");
    }

    /** A director holding its peer's deployment, all well; records the calls it gets. */
    private final class InMemoryDirector extends FakeDirectorClient {

        final List<String> calls = new ArrayList<>();
        final String name;
        final String managed;
        volatile boolean down;
        volatile List<Task> inFlight = List.of();

        InMemoryDirector(String name, String managed) {
            super(name, new ArrayList<>());
            this.name = name;
            this.managed = managed;
        }

        private synchronized void called(String call) {
            calls.add(call);
        }

        @Override
        public DirectorInfo info() {
            return authenticatedInfo();
        }

        @Override
        public DirectorInfo authenticatedInfo() {
            called("info");
            if (down) {
                throw new DirectorUnreachableException(name + " is unreachable", null);
            }
            return new DirectorInfo(name, name + "-uuid", "283.1.6", "admin", "cpi",
                    new UserAuthentication("basic", null, List.of()));
        }

        @Override
        public boolean resurrectionEnabled() {
            called("resurrection");
            return true;
        }

        @Override
        public List<Deployment> deployments(DeploymentsQuery query) {
            called("deployments");
            return List.of(new Deployment(managed, List.of(), null, List.of(), List.of(), false));
        }

        @Override
        public List<Instance> instances(String deployment) {
            called("instances");
            return List.of(new Instance("agent-1", "vm-1", "bosh", 0, "id-1", "z1", List.of("10.0.0.6"), null,
                    true));
        }

        @Override
        public List<Task> tasks(TaskQuery query) {
            called("tasks");
            return inFlight;
        }

        @Override
        public String manifest(String deployment) {
            called("manifest");
            return "name: " + deployment + "\n";
        }

        @Override
        public List<Config> configs(String type, boolean latest) {
            called("configs");
            return List.of();
        }

        @Override
        public List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
            called("instanceDetails");
            return List.of(new VmDetails("vm-1", true, null, Map.of(), null, List.of(), List.of(), "agent-1", "bosh",
                    0, "running", "started", null, null, List.of(), "z1", "id-1", true, false, null));
        }
    }
}
