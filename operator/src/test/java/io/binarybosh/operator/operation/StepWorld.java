package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.act.Actor;
import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DesiredManifest;
import io.binarybosh.operator.observe.DirectorDetails;
import io.binarybosh.operator.observe.DirectorObservation;
import io.binarybosh.operator.observe.ManagedDeploymentView;
import io.binarybosh.operator.observe.Outcome;
import io.binarybosh.operator.observe.PairObservation;
import io.binarybosh.operator.shell.VmCommands;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.binarybosh.operator.support.FakeShell;
import io.binarybosh.operator.support.FakeShellAccess;
import io.binarybosh.operator.support.MutableClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The world of one pair for step tests, without root: three fake directors, three fake VMs, a status writer that
 * keeps the last persisted pair, and a fault hook that stops a run at a named point ({@code record:<Step>...}) as a
 * SIGKILL would, after which a restarted actor goes on from what was persisted.
 */
final class StepWorld {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String PRIMARY_URL = "https://127.0.0.11:25555";
    static final String META_URL = "https://127.0.0.12:25555";
    static final String MICRO_URL = "https://127.0.0.13:25555";
    static final String PRIMARY_VM = "10.0.0.11";
    static final String META_VM = "10.0.0.12";
    static final String STORE = "/var/vcap/store";

    /** Thrown at the armed fault point: nothing after it runs, nothing in flight is written. */
    static final class Crash extends Error {
        Crash(String point) {
            super("crashed at " + point);
        }
    }

    /** Director calls, shell commands, status writes and events, in the order they happened. */
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    /** Every fault point the run passed, in order. */
    final List<String> points = new ArrayList<>();
    final FakeDirectorClient micro = new FakeDirectorClient("micro", log);
    final FakeDirectorClient primary = new FakeDirectorClient("primary", log);
    final FakeDirectorClient meta = new FakeDirectorClient("meta", log);
    final FakeShell microVm = new FakeShell("micro", log);
    final FakeShell primaryVm = new FakeShell("primary", log);
    final FakeShell metaVm = new FakeShell("meta", log);
    final FakeShellAccess shells = new FakeShellAccess(microVm).vm(PRIMARY_VM, primaryVm, hostKey("primary"))
            .vm(META_VM, metaVm, hostKey("meta"));
    final VmCommands sudo = new VmCommands(true);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final MutableClock clock = new MutableClock(NOW);
    /** The pair as last persisted: what a restarted operator reads. */
    BinaryBoshPair stored;
    boolean primaryDown;
    String desiredPrimaryManifest;
    private String haltAt;
    private boolean crashOnNextWrite;
    private Actor actor = newActor();

    StepWorld() {
        BinaryBoshPair pair = TestPairs.withMicro(TestPairs.pair(PRIMARY_URL, META_URL), MICRO_URL);
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        DirectorStatus primaryStatus = new DirectorStatus();
        primaryStatus.setDeployments(List.of("bosh-meta"));
        status.setPrimary(primaryStatus);
        status.setMeta(new DirectorStatus());
        pair.setStatus(status);
        stored = pair;
        // Freshly deployed: the Micro holds Primary's deployment, Primary holds Meta's, Meta holds nothing.
        micro.deployments.put("bosh-primary", "name: bosh-primary\n");
        micro.instances.put("bosh-primary", List.of(instance("p1")));
        micro.releases.add(new Release("bosh", List.of(new Release.Version("283.1.6", "abc", false, true, null))));
        micro.stemcells.add(new Stemcell("bosh-stemcell", "ubuntu-jammy", "1.500", "sc-1", "cpi", null, 3, "1"));
        micro.sshSetups.put("bosh-primary", List.of(sshResult(PRIMARY_VM, "primary")));
        primary.deployments.put("bosh-meta", "name: bosh-meta\n");
        primary.instances.put("bosh-meta", List.of(instance("m1")));
        primary.sshSetups.put("bosh-meta", List.of(sshResult(META_VM, "meta")));
        meta.problems.add(new Problem(7, "unresponsive_agent", "VM for 'bosh/uuid-p1 (0)' is not responding.",
                Map.of(), List.of(new Problem.Resolution("ignore", "Skip for now"),
                new Problem.Resolution("recreate_vm", "Recreate VM and wait for processes to start")), "bosh"));
    }

    static Instance instance(String vm) {
        return new Instance("agent-" + vm, "vm-" + vm, "bosh", 0, "uuid-" + vm, "z1", List.of(), null, true);
    }

    /** An ssh setup's answer as a director gives it: the VM's raw host key, comment and all. */
    static SshHostResult sshResult(String ip, String host) {
        return new SshHostResult("setup", "success", ip, hostKey(host), "uuid-1", 0, "bosh", null, null);
    }

    static String hostKey(String host) {
        return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB root@" + host;
    }

    private Actor newActor() {
        FaultHook faults = point -> {
            points.add(point);
            if (point.equals(haltAt)) {
                haltAt = null;
                throw new Crash(point);
            }
        };
        DirectorAccess directors = (pair, role) -> Optional.of(switch (role) {
            case MICRO -> micro;
            case PRIMARY -> primary;
            case META -> meta;
        });
        return new Actor(new OperationDeps(directors, shells, new PairMetrics(meters), clock, faults));
    }

    private final StatusWriter writer = (current, change) -> {
        if (crashOnNextWrite) {
            crashOnNextWrite = false;
            throw new Crash("status write");
        }
        BinaryBoshPair copy = serialization.clone(current);
        change.accept(copy.getStatus());
        stored = serialization.clone(copy);
        OperationStatus operation = copy.getStatus().getOperation();
        log.add("write status " + (operation == null ? "none" : operation.getType() + "/" + operation.getStep()
                + " task=" + operation.getTaskId()));
        return copy;
    };

    private final EventSink eventSink = new EventSink() {
        @Override
        public void normal(HasMetadata resource, Reason reason, String message) {
            events.add("Normal " + reason);
            log.add("event Normal " + reason);
        }

        @Override
        public void warning(HasMetadata resource, Reason reason, String message) {
            events.add("Warning " + reason);
            log.add("event Warning " + reason);
        }
    };

    void act(Step step) {
        actor.act(step, stored, facts(), writer, eventSink);
    }

    void continueWith(Step.OperationAction action) {
        act(new Step.ContinueOperation(action));
    }

    void migrate() {
        continueWith(Step.OperationAction.MIGRATE);
    }

    /** Runs {@code step} until the fault point {@code point}, where the operator dies; then it is restarted. */
    void crashAt(String point, Step step) {
        haltAt = point;
        assertThatThrownBy(() -> act(step)).as("the run reaches " + point).isInstanceOf(Crash.class)
                .hasMessage("crashed at " + point);
        actor = newActor();
    }

    /** The point before the record of what {@code step} did: {@code record:<Step>[:what]}. */
    static String record(OperationStep step, String... what) {
        return FaultHook.record(step.wire()) + (what.length == 0 ? "" : ":" + what[0]);
    }

    /** The next status write is lost with the process: the operator dies just before it. */
    void crashAtNextWrite(Step step) {
        crashOnNextWrite = true;
        assertThatThrownBy(() -> act(step)).isInstanceOf(Crash.class);
        actor = newActor();
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    Instant now() {
        return clock.instant();
    }

    OperationStatus operation() {
        return stored.getStatus().getOperation();
    }

    MigrationStatus migration() {
        return stored.getStatus().getMigration();
    }

    OperationStep step() {
        return operation() == null ? null : operation().operationStep();
    }

    /** The log lines since {@code from} that start with {@code prefix} (e.g. "meta POST", "meta$ "). */
    List<String> logSince(int from, String prefix) {
        return log.subList(from, log.size()).stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** The director calls and shell commands since {@code from}: what was done to the world, not recorded. */
    List<String> actsSince(int from) {
        return log.subList(from, log.size()).stream()
                .filter(l -> !l.startsWith("write status") && !l.startsWith("event ")).toList();
    }

    List<String> directorChanges() {
        return log.stream().filter(l -> l.matches("^\\w+ (POST|PUT|DELETE) .*")).toList();
    }

    /** Meta started on the copied store: it answers with the Micro's identity and everything the Micro held. */
    void metaRunsOnTheCopy() {
        meta.uuid = micro.uuid;
        meta.deployments.putAll(micro.deployments);
        meta.instances.putAll(micro.instances);
        meta.releases.addAll(micro.releases);
        meta.stemcells.addAll(micro.stemcells);
    }

    PairFacts facts() {
        DirectorObservation microObs = observation(DirectorRole.MICRO, MICRO_URL, micro, "bosh-primary", false);
        DirectorObservation primaryObs = observation(DirectorRole.PRIMARY, PRIMARY_URL, primary, "bosh-meta",
                primaryDown);
        DirectorObservation metaObs = observation(DirectorRole.META, META_URL, meta, "bosh-primary", false);
        return PairFacts.of(stored.getSpec(), stored.getStatus(), Optional.of(new PairObservation(1, primaryObs,
                metaObs, microObs, now(), desiredPrimaryManifest == null ? null
                : new DesiredManifest(desiredPrimaryManifest, null), null)), now());
    }

    private DirectorObservation observation(DirectorRole role, String url, FakeDirectorClient director,
                                            String manages, boolean down) {
        if (down) {
            return new DirectorObservation(role, url, Outcome.UNREACHABLE, null, null, null, "connection refused",
                    now(), now().minusSeconds(400), null, null);
        }
        DirectorInfo info = new DirectorInfo(role.fieldName() + "-bosh", director.uuid, director.version,
                FakeDirectorClient.USER, "cpi", new UserAuthentication("basic", null, List.of()));
        Map<String, Boolean> locked = new LinkedHashMap<>();
        director.deployments.keySet().forEach(d -> locked.put(d, false));
        List<Task> inFlight = director.tasks.stream().filter(t -> !t.state().isFinished()).toList();
        ManagedDeploymentView view = null;
        if (director.deployments.containsKey(manages)) {
            List<Instance> instances = director.instances.getOrDefault(manages, List.of());
            AgentView agent = primaryDown && manages.equals("bosh-primary") && !instances.isEmpty()
                    ? new AgentView(AgentView.UNRESPONSIVE, instances.get(0).cid(), instances.get(0).agentId(), now())
                    : null;
            view = new ManagedDeploymentView(manages, true, false, instances,
                    inFlight.stream().filter(t -> manages.equals(t.deployment())).toList(), agent, null, null, null);
        }
        return new DirectorObservation(role, url, Outcome.REACHABLE, info, FakeDirectorClient.USER, null, null, now(),
                now(), new DirectorDetails(!director.resurrectionPaused, locked, view, null,
                role == DirectorRole.MICRO ? inFlight : null), null);
    }
}
