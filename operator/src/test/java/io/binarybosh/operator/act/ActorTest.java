package io.binarybosh.operator.act;

import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.operation.StatusWriter;
import io.binarybosh.operator.operation.EventSink;
import io.binarybosh.operator.model.OperationResult;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.shell.VmCommands;
import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The actor writes its intent before it calls a director, and finds its own task again after a crash. */
class ActorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final List<String> log = new ArrayList<>();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Task> metaTasks = new ArrayList<>();
    private BinaryBoshPair pair;
    private Actor actor;

    private final FakeDirectorClient meta = new FakeDirectorClient("meta", log) {
        @Override
        public List<Task> tasks(TaskQuery query) {
            log.add("GET /tasks deployment=" + query.deployment());
            return metaTasks;
        }

        @Override
        public long scan(String deployment, ContextId contextId) {
            log.add("POST /deployments/" + deployment + "/scans context=" + contextId.value());
            return 101;
        }

        @Override
        public long deploy(String manifestYaml, io.binarybosh.operator.director.model.DeployOptions options,
                           ContextId contextId) {
            log.add("POST /deployments context=" + contextId.value() + " manifest=" + manifestYaml.trim());
            return 103;
        }

        @Override
        public long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId) {
            log.add("PUT /deployments/" + deployment + "/problems " + resolutions);
            return 102;
        }

        @Override
        public Task task(long taskId) {
            if (taskId == 42) {
                return new Task(42, TaskState.PROCESSING, "create deployment", null,
                        NOW.minusSeconds(7200).getEpochSecond(), null, "admin", "bosh-primary", "");
            }
            return new Task(taskId, TaskState.DONE, "scan cloud", NOW.getEpochSecond(), NOW.getEpochSecond(),
                    "scan complete", "admin", "bosh-primary", "");
        }

        @Override
        public void cancelTask(long taskId) {
            log.add("DELETE /task/" + taskId);
        }

        @Override
        public void setResurrectionPaused(boolean paused) {
            log.add("PUT /resurrection paused=" + paused);
        }

        @Override
        public boolean resurrectionEnabled() {
            return true;
        }
    };

    private final StatusWriter writer = (current, change) -> {
        BinaryBoshPair copy = serialization.clone(current);
        change.accept(copy.getStatus());
        log.add("write status: " + describe(copy.getStatus().getOperation()));
        return copy;
    };

    private final EventSink events = new EventSink() {
        @Override
        public void normal(HasMetadata resource, String reason, String message) {
            log.add("event Normal " + reason);
        }

        @Override
        public void warning(HasMetadata resource, String reason, String message) {
            log.add("event Warning " + reason);
        }
    };

    @BeforeEach
    void setUp() {
        pair = TestPairs.pair("https://127.0.0.11:25555", "https://127.0.0.12:25555");
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        DirectorStatus primary = new DirectorStatus();
        primary.setDeployments(List.of("bosh-meta", "cf"));
        status.setPrimary(primary);
        status.setMeta(new DirectorStatus());
        pair.setStatus(status);
        actor = new Actor((p, role) -> role == DirectorRole.META ? Optional.of(meta) : Optional.empty(),
                new PairMetrics(meters), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String desiredPrimaryManifest;

    private PairFacts facts() {
        DirectorInfo info = new DirectorInfo("meta", "uuid", "283.1.6", "admin", "cpi",
                new UserAuthentication("basic", null, List.of()));
        var view = new ManagedDeploymentView("bosh-primary", true, false,
                List.of(new io.binarybosh.operator.director.model.Instance("agent-1", "vm-1", "bosh", 0, "uuid-1",
                        "z1", List.of(), null, true)), List.of(),
                new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", NOW), null, null);
        var metaObs = new DirectorObservation(DirectorRole.META, "https://127.0.0.12:25555", Outcome.REACHABLE, info,
                "admin", null, null, NOW, NOW, new DirectorDetails(true, Map.of("bosh-primary", false), view, null),
                null);
        var primaryObs = new DirectorObservation(DirectorRole.PRIMARY, "https://127.0.0.11:25555",
                Outcome.UNREACHABLE, null, null, null, "refused", NOW, NOW.minusSeconds(400), null, null);
        return PairFacts.of(pair.getSpec(), pair.getStatus(),
                Optional.of(new PairObservation(1, primaryObs, metaObs, null, NOW,
                        desiredPrimaryManifest == null ? null
                                : new io.binarybosh.operator.observe.DesiredManifest(desiredPrimaryManifest, null),
                        null)), NOW);
    }

    private BinaryBoshPair lastWritten;

    private void act(Step step) {
        StatusWriter recording = (current, change) -> {
            lastWritten = writer.update(current, change);
            return lastWritten;
        };
        actor.act(step, pair, facts(), recording, events);
        if (lastWritten != null) {
            pair = lastWritten;
        }
    }

    @Test
    void theIntentIsWrittenBeforeTheScanIsStarted() {
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        assertThat(log).containsSubsequence(
                "write status: Repair/Scanning task=null",
                "event Warning RepairStarted",
                "GET /tasks deployment=bosh-primary",
                "POST /deployments/bosh-primary/scans context=" + pair.getStatus().getOperation().getId(),
                "write status: Repair/Scanning task=101");
        OperationStatus operation = pair.getStatus().getOperation();
        assertThat(operation.getPreviousVmCid()).isEqualTo("vm-1");
        assertThat(operation.getPreviousAgentId()).isEqualTo("agent-1");
        assertThat(operation.getPreviousDeployments()).containsExactly("bosh-meta", "cf");
        assertThat(pair.getStatus().getPrimary().getRepairAttempts()).isEqualTo(1);
        assertThat(pair.getStatus().getPrimary().getLastRepairTime()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(meters.get("binarybosh.repairs.started").counter().count()).isEqualTo(1.0);
    }

    @Test
    void manualApprovalWritesTheOperationAndAsksForApproval() {
        pair.getSpec().setApproval(ApprovalMode.Manual);
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        assertThat(pair.getStatus().getOperation().getStep()).isEqualTo(OperationStep.AWAITING_APPROVAL.wire());
        assertThat(pair.getStatus().getPrimary().getRepairAttempts()).isNull();
        assertThat(log).contains("event Normal ApprovalRequired").noneMatch(line -> line.startsWith("POST"));
    }

    @Test
    void afterACrashItsOwnScanIsFoundInsteadOfStartingAnother() {
        metaTasks.add(new Task(50, TaskState.DONE, "scan cloud", NOW.getEpochSecond(), NOW.minusSeconds(30)
                .getEpochSecond(), null, "admin", "bosh-primary", ""));
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        assertThat(pair.getStatus().getOperation().getTaskIdAbove()).as("a person's scan a moment ago")
                .isEqualTo(50L);
        pair.getStatus().getOperation().setTaskId(null);
        log.clear();
        metaTasks.add(0, new Task(55, TaskState.PROCESSING, "scan cloud", null, NOW.getEpochSecond(), null, "admin",
                "bosh-primary", ""));
        act(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        assertThat(log).noneMatch(line -> line.startsWith("POST"));
        assertThat(pair.getStatus().getOperation().getTaskId()).isEqualTo(55L);
        assertThat(pair.getStatus().getOperation().getTaskState()).isEqualTo("processing");
    }

    @Test
    void resolvesOnlyRecreatableProblemsWithAnExplicitRecreate() {
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        act(new Step.ContinueOperation(Step.OperationAction.NEXT_STEP));
        assertThat(pair.getStatus().getOperation().getStep()).isEqualTo(OperationStep.RESOLVING.wire());
        meta.problems.add(new Problem(7, "unresponsive_agent", "VM for 'bosh/uuid-1 (0)' is not responding.", Map.of(),
                List.of(new Problem.Resolution("ignore", "Skip for now"),
                        new Problem.Resolution("recreate_vm", "Recreate VM and wait for processes to start")),
                "bosh"));
        meta.problems.add(new Problem(8, "mount_info_mismatch", "disk", Map.of(),
                List.of(new Problem.Resolution("ignore", "Skip for now")), "bosh"));
        log.clear();
        act(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        assertThat(log).contains("PUT /deployments/bosh-primary/problems {7=recreate_vm}");
        assertThat(pair.getStatus().getOperation().getTaskId()).isEqualTo(102L);
    }

    @Test
    void nothingToResolveMeansVerifying() {
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        act(new Step.ContinueOperation(Step.OperationAction.NEXT_STEP));
        act(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        assertThat(pair.getStatus().getOperation().getStep()).isEqualTo(OperationStep.VERIFYING.wire());
        assertThat(log).noneMatch(line -> line.startsWith("PUT /deployments"));
    }

    @Test
    void finishingMovesTheOperationIntoABoundedHistory() {
        List<OperationRecord> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            OperationRecord record = new OperationRecord();
            record.setId("old-" + i);
            old.add(record);
        }
        pair.getStatus().setHistory(old);
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        String id = pair.getStatus().getOperation().getId();
        act(new Step.FinishOperation(OperationResult.SUCCEEDED, "back"));
        assertThat(pair.getStatus().getOperation()).isNull();
        assertThat(pair.getStatus().getHistory()).hasSize(20);
        assertThat(pair.getStatus().getHistory().get(0).getId()).isEqualTo(id);
        assertThat(pair.getStatus().getHistory().get(0).getResult()).isEqualTo("Succeeded");
        assertThat(log).contains("event Normal RepairSucceeded");
    }

    @Test
    void aStuckTaskIsCancelledAfterTheIntentIsWritten() {
        act(new Step.CancelStuckTask(DirectorRole.PRIMARY, DirectorRole.META, 42));
        assertThat(log).containsSubsequence("write status: CancelStuckTask/Cancelling task=42", "DELETE /task/42",
                "write status: none", "event Normal StuckTaskCancelled");
    }

    @Test
    void aDeployIsFoundAgainByItsContextIdAfterACrash() {
        desiredPrimaryManifest = "name: bosh-primary";
        act(new Step.StartDeploy(DirectorRole.PRIMARY, DirectorRole.META));
        String id = pair.getStatus().getOperation().getId();
        assertThat(log).containsSubsequence("write status: Deploy/Deploying task=null", "event Normal DeployStarted",
                "POST /deployments context=" + id + " manifest=name: bosh-primary", "write status: Deploy/Deploying task=103");
        pair.getStatus().getOperation().setTaskId(null);
        metaTasks.add(new Task(103, TaskState.PROCESSING, "create deployment", null, NOW.getEpochSecond(), null,
                "admin", "bosh-primary", id));
        log.clear();
        act(new Step.ContinueOperation(Step.OperationAction.FIND_OR_START_TASK));
        assertThat(log).noneMatch(line -> line.startsWith("POST"));
        assertThat(pair.getStatus().getOperation().getTaskId()).isEqualTo(103L);
    }

    @Test
    void fencingStopsTheMicroThenMovesItsStoreAside() {
        TestPairs.withMicro(pair, "https://127.0.0.13:25555");
        pair.getSpec().getBootstrap().getMicro().setStorePath("/var/vcap/store");
        List<String> summaries = new ArrayList<>(List.of(
                "Process 'director'  running\nProcess 'postgres'  running\n",
                "Process 'director'  Not monitored\nProcess 'postgres'  Not monitored\n"));
        io.binarybosh.operator.shell.Shell shell = new io.binarybosh.operator.shell.Shell() {
            @Override
            public io.binarybosh.operator.shell.CommandResult run(String command, java.time.Duration timeout) {
                log.add("ssh " + command);
                String out = command.contains("monit summary") ? summaries.remove(0) : "";
                return new io.binarybosh.operator.shell.CommandResult(0, out, "");
            }

            @Override
            public void close() {
            }
        };
        actor = new Actor((p, role) -> Optional.of(meta), p -> shell, new PairMetrics(meters),
                Clock.fixed(NOW, ZoneOffset.UTC));
        act(new Step.StartFence());
        String id = pair.getStatus().getOperation().getId();
        VmCommands sudo = new VmCommands(true);
        assertThat(log).containsSubsequence("write status: FenceMicro/StoppingProcesses task=null",
                "event Warning FencingMicro", "ssh " + sudo.monitStopAll(), "ssh " + sudo.monitSummary(),
                "write status: FenceMicro/StoppingProcesses task=null");
        act(new Step.ContinueOperation(Step.OperationAction.REDO));
        // the store is a mount point: its contents move into it, with sudo, through the monit wrapper's PATH
        assertThat(log).containsSubsequence("ssh " + sudo.monitStopAll(), "ssh " + sudo.monitSummary(),
                "ssh " + sudo.moveContentsAside("/var/vcap/store", VmCommands.ASIDE_PREFIX + "micro-fenced-" + id),
                "write status: none", "event Normal MicroFenced");
        assertThat(log).noneMatch(line -> line.contains("rm ") || line.contains("mv '/var/vcap/store' "));
    }

    @Test
    void unpausingIsRecordedLikeEveryOtherChange() {
        act(new Step.UnpauseResurrection(DirectorRole.META));
        assertThat(log).containsSubsequence("write status: UnpauseResurrection/Unpausing task=null",
                "PUT /resurrection paused=false", "write status: none", "event Normal ResurrectionUnpaused");
        assertThat(pair.getStatus().getHistory().get(0).getType()).isEqualTo(OperationType.UNPAUSE_RESURRECTION.wire());
    }

    @Test
    void aDirectorErrorLeavesTheOperationForTheNextReconcile() {
        DirectorClient failing = new FakeDirectorClient("meta", log)
                .unreachableOn("POST /deployments/bosh-primary/scans");
        actor = new Actor((p, role) -> Optional.of(failing), new PairMetrics(meters),
                Clock.fixed(NOW, ZoneOffset.UTC));
        act(new Step.StartRepair(DirectorRole.PRIMARY, DirectorRole.META));
        assertThat(pair.getStatus().getOperation()).isNotNull();
        assertThat(pair.getStatus().getOperation().getTaskId()).isNull();
        assertThat(pair.getStatus().getOperation().getMessage()).contains("unreachable");
    }

    private static String describe(OperationStatus operation) {
        return operation == null ? "none"
                : operation.getType() + "/" + operation.getStep() + " task=" + operation.getTaskId();
    }
}
