package io.binarybosh.operator.support;

import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.DirectorUnreachableException;
import io.binarybosh.operator.director.UserAuthentication;
import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.director.TaskResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An in-memory director: scriptable state, every call recorded as a line like the HTTP request it stands for
 * ({@code PUT /resurrection paused=true}, {@code POST /deployments/x/scans}), a call that fails on demand. Tasks it
 * starts get ids above every task it holds and keep the context id only where a real director does (deploys). A test
 * that needs a director answering one call its own way overrides that call.
 */
public class FakeDirectorClient implements DirectorClient {

    public static final String USER = "admin";
    /** When its tasks started: the tests' fixed now. */
    public static final long STARTED = java.time.Instant.parse("2026-11-25T12:00:00Z").getEpochSecond();

    private final String name;
    private final List<String> calls;
    public String uuid;
    public String version = "283.1.6 (00000000)";
    /** Deployment name to its stored manifest. */
    public final Map<String, String> deployments = new TreeMap<>();
    public final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    /** The job state the agent of each deployment's instance reports ({@code ?format=full}). */
    public final Map<String, String> jobStates = new LinkedHashMap<>();
    public final List<Task> tasks = new ArrayList<>();
    public final List<Problem> problems = new ArrayList<>();
    public final List<Release> releases = new ArrayList<>();
    public final List<Stemcell> stemcells = new ArrayList<>();
    /** Deployment name to the names of its current variables (config server). */
    public final Map<String, List<String>> variables = new LinkedHashMap<>();
    /** The latest configs of each type ({@code resurrection}, ...). */
    public final Map<String, List<Config>> configs = new LinkedHashMap<>();
    /** What an ssh setup answers, per deployment (a raw host key: {@code ssh-ed25519 AAAA... root@host}). */
    public final Map<String, List<SshHostResult>> sshSetups = new LinkedHashMap<>();
    public boolean resurrectionPaused;
    /** Whether PUT /resurrection changes anything (false: a director that ignores it). */
    public boolean resurrectionObeys = true;
    private final Map<String, Supplier<RuntimeException>> failures = new LinkedHashMap<>();

    public FakeDirectorClient(String name, List<String> calls) {
        this.name = name;
        this.calls = calls;
        this.uuid = name + "-uuid";
    }

    /** Every later call whose line starts with {@code callPrefix} throws what {@code failure} gives. */
    public FakeDirectorClient failOn(String callPrefix, Supplier<RuntimeException> failure) {
        failures.put(callPrefix, failure);
        return this;
    }

    /** Every later call whose line starts with {@code callPrefix} finds the director unreachable. */
    public FakeDirectorClient unreachableOn(String callPrefix) {
        return failOn(callPrefix, () -> new DirectorUnreachableException(name + " is unreachable", null));
    }

    public void heal() {
        failures.clear();
    }

    public Task addTask(TaskState state, String description, String deployment, String contextId) {
        long id = tasks.stream().mapToLong(Task::id).max().orElse(100) + 1;
        Task task = new Task(id, state, description, state.isFinished() ? STARTED : null,
                STARTED, null, USER, deployment, contextId);
        tasks.add(task);
        return task;
    }

    /** The task with that id, now in {@code state}. */
    public void setTaskState(long id, TaskState state) {
        tasks.replaceAll(t -> t.id() != id ? t : new Task(t.id(), state, t.description(), t.timestamp(),
                t.startedAt(), t.result(), t.user(), t.deployment(), t.contextId()));
    }

    private void call(String line) {
        for (Map.Entry<String, Supplier<RuntimeException>> failure : failures.entrySet()) {
            if (line.startsWith(failure.getKey())) {
                calls.add(name + " " + line + " -> " + failure.getValue().get().getClass().getSimpleName());
                throw failure.getValue().get();
            }
        }
        calls.add(name + " " + line);
    }

    @Override
    public DirectorInfo info() {
        call("GET /info");
        return info(null);
    }

    @Override
    public DirectorInfo authenticatedInfo() {
        call("GET /info (authenticated)");
        return info(USER);
    }

    private DirectorInfo info(String user) {
        return new DirectorInfo(name, uuid, version, user, "cpi", new UserAuthentication("basic", null, List.of()));
    }

    @Override
    public List<Deployment> deployments(DeploymentsQuery query) {
        call("GET /deployments");
        return deployments.keySet().stream().map(d -> new Deployment(d, List.of(), "latest", List.of(), List.of(),
                false)).toList();
    }

    @Override
    public String manifest(String deployment) {
        call("GET /deployments/" + deployment);
        String manifest = deployments.get(deployment);
        if (manifest == null) {
            throw new DirectorException("deployment '" + deployment + "' does not exist");
        }
        return manifest;
    }

    @Override
    public long deploy(String manifestYaml, DeployOptions options, ContextId contextId) {
        String deployment = manifestYaml.lines().filter(l -> l.startsWith("name:")).findFirst()
                .map(l -> l.substring(5).trim()).orElse("?");
        call("POST /deployments " + deployment + " context=" + contextId.value());
        deployments.put(deployment, manifestYaml);
        return addTask(TaskState.QUEUED, "create deployment", deployment, contextId.value()).id();
    }

    @Override
    public List<Instance> instances(String deployment) {
        call("GET /deployments/" + deployment + "/instances");
        return instances.getOrDefault(deployment, List.of());
    }

    @Override
    public List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
        call("GET /deployments/" + deployment + "/instances?format=full");
        return instances.getOrDefault(deployment, List.of()).stream().map(i -> new VmDetails(i.cid(), true, null,
                null, null, null, i.ips(), i.agentId(), i.job(), i.index(), jobStates.getOrDefault(deployment,
                "running"), "started", null, null, null, i.az(), i.id(), true, false, null)).toList();
    }

    /** Newest first, as GET /tasks pages them; scans and the like only with verbose=2. */
    @Override
    public List<Task> tasks(TaskQuery query) {
        call("GET /tasks deployment=" + query.deployment() + (query.contextId() == null ? ""
                : " context=" + query.contextId()));
        return tasks.stream()
                .filter(t -> query.deployment() == null || query.deployment().equals(t.deployment()))
                .filter(t -> query.contextId() == null || query.contextId().equals(t.contextId()))
                .filter(t -> query.states().isEmpty() || query.states().contains(t.state()))
                .sorted(Comparator.comparingLong(Task::id).reversed())
                .limit(query.limit() == null ? Long.MAX_VALUE : query.limit()).toList();
    }

    @Override
    public Task task(long taskId) {
        call("GET /tasks/" + taskId);
        return tasks.stream().filter(t -> t.id() == taskId).findFirst()
                .orElseThrow(() -> new DirectorException("task " + taskId + " not found"));
    }

    @Override
    public void cancelTask(long taskId) {
        call("DELETE /task/" + taskId);
        setTaskState(taskId, TaskState.CANCELLING);
    }

    @Override
    public TaskResult waitForTask(long taskId, Duration timeout) {
        call("GET /tasks/" + taskId + " (wait)");
        setTaskState(taskId, TaskState.DONE);
        return new TaskResult(task(taskId), List.of(), "");
    }

    @Override
    public long scan(String deployment, ContextId contextId) {
        call("POST /deployments/" + deployment + "/scans");
        // A real director keeps no context id on a scan task (only deploy, job-state, delete-deployment tasks).
        return addTask(TaskState.QUEUED, "scan cloud", deployment, null).id();
    }

    @Override
    public List<Problem> problems(String deployment) {
        call("GET /deployments/" + deployment + "/problems");
        return List.copyOf(problems);
    }

    @Override
    public long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId) {
        call("PUT /deployments/" + deployment + "/problems " + resolutions);
        return addTask(TaskState.QUEUED, "apply resolutions", deployment, null).id();
    }

    @Override
    public boolean resurrectionEnabled() {
        call("GET /resurrection");
        return !resurrectionPaused;
    }

    @Override
    public void setResurrectionPaused(boolean paused) {
        call("PUT /resurrection paused=" + paused);
        if (resurrectionObeys) {
            resurrectionPaused = paused;
        }
    }

    @Override
    public List<String> variables(String deployment) {
        call("GET /deployments/" + deployment + "/variables");
        return variables.getOrDefault(deployment, List.of());
    }

    @Override
    public List<Config> configs(String type, boolean latest) {
        call("GET /configs type=" + type + " latest=" + latest);
        return configs.getOrDefault(type, List.of());
    }

    @Override
    public List<Stemcell> stemcells() {
        call("GET /stemcells");
        return List.copyOf(stemcells);
    }

    @Override
    public List<Release> releases() {
        call("GET /releases");
        return List.copyOf(releases);
    }

    @Override
    public List<SshHostResult> sshSetup(String deployment, SshTarget target, String user, String publicKey,
                                        ContextId contextId, Duration timeout) {
        call("POST /deployments/" + deployment + "/ssh setup user=" + user);
        addTask(TaskState.DONE, "ssh: setup:" + target.instanceGroup(), deployment, null);
        return sshSetups.getOrDefault(deployment, List.of());
    }

    @Override
    public long sshCleanup(String deployment, SshTarget target, String user, ContextId contextId) {
        call("POST /deployments/" + deployment + "/ssh cleanup user=" + user);
        return addTask(TaskState.QUEUED, "ssh: cleanup:" + target.instanceGroup(), deployment, null).id();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FakeDirectorClient[" + name + "]";
    }
}
