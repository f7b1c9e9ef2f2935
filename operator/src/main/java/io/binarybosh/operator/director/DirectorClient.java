package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Lock;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskOutputChunk;
import io.binarybosh.operator.director.model.TaskOutputType;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.director.model.Vm;
import io.binarybosh.operator.director.model.VmDetails;
import io.binarybosh.operator.director.TaskResult;
import io.binarybosh.operator.director.TaskWaitOptions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One director's API. Safe to share between concurrent reconciles; {@link #close()} releases its connection
 * pool. Every failure is a {@link DirectorException} subclass whose message never holds a secret.
 *
 * <p>Calls that start a director task return its id (read from the 302/303 {@code Location}, never followed)
 * and send the given {@link ContextId} as {@code X-Bosh-Context-Id}; wait for them with
 * {@link #waitForTask(long, TaskWaitOptions)}.
 *
 * <p>Everything beyond {@link #info()}, {@link #authenticatedInfo()} and {@link #close()} has a default that
 * throws {@link UnsupportedOperationException}, so test doubles need implement only what they use.
 */
public interface DirectorClient extends AutoCloseable {

    /** {@code GET /info} without credentials: reachability, identity and the auth mode. */
    DirectorInfo info();

    /**
     * {@code GET /info} with credentials: proves they are accepted. A director answers {@code user: null}
     * (or 401) for credentials it does not accept; both end in {@link DirectorUnauthorizedException}.
     */
    DirectorInfo authenticatedInfo();

    /** {@code GET /deployments} with everything: releases, stemcells, cloud config and the {@code locked} flag. */
    default List<Deployment> deployments() {
        return deployments(DeploymentsQuery.full());
    }

    /** {@code GET /deployments} with the given {@code exclude_*} flags. */
    default List<Deployment> deployments(DeploymentsQuery query) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d}: the deployment's stored manifest YAML (empty if it has none). */
    default String manifest(String deployment) {
        throw unsupported();
    }

    /**
     * {@code POST /deployments} with the manifest as {@code text/yaml}; creates or updates the deployment named
     * in it. Returns the task id. Never retried.
     */
    default long deploy(String manifestYaml, DeployOptions options, ContextId contextId) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/instances}: from the director's database, no agent contact. */
    default List<Instance> instances(String deployment) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/vms}: from the director's database, no agent contact. */
    default List<Vm> vms(String deployment) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/instances?format=full}: starts the task, returns its id. */
    default long startInstanceDetails(String deployment, ContextId contextId) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/vms?format=full}: starts the task, returns its id. */
    default long startVmDetails(String deployment, ContextId contextId) {
        throw unsupported();
    }

    /** Live per-instance state (agent asked within 5 s): runs the {@code ?format=full} task and reads its result. */
    default List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
        throw unsupported();
    }

    /** Like {@link #instanceDetails} for {@code /vms?format=full}: every VM, inactive ones included. */
    default List<VmDetails> vmDetails(String deployment, ContextId contextId, Duration timeout) {
        throw unsupported();
    }

    /** {@code GET /tasks} with filters, newest first. */
    default List<Task> tasks(TaskQuery query) {
        throw unsupported();
    }

    /** {@code GET /tasks/:id}. */
    default Task task(long taskId) {
        throw unsupported();
    }

    /** {@code GET /tasks/:id/output?type=..} with {@code Range: bytes=fromByte-}. */
    default TaskOutputChunk taskOutput(long taskId, TaskOutputType type, long fromByte) {
        throw unsupported();
    }

    /** {@code GET /tasks/:id/output?type=result}, whole. */
    default String taskResult(long taskId) {
        throw unsupported();
    }

    /** {@code DELETE /task/:id} (singular {@code /task}). A task that already finished gives a 400 {@link DirectorApiException}. */
    default void cancelTask(long taskId) {
        throw unsupported();
    }

    /**
     * Queued, processing or cancelling tasks of every type ({@code verbose=2}) on a deployment, filtered by
     * description (e.g. {@code scan and fix}) and user (the operator's own client name) when those are not null.
     * This is how a task whose {@code context_id} the director dropped is found again.
     */
    default List<Task> inFlightTasks(String deployment, String description, String user) {
        throw unsupported();
    }

    /** Polls the task and its events until it ends; see the TaskWaiter of director.tasks. */
    default TaskResult waitForTask(long taskId, TaskWaitOptions options) {
        throw unsupported();
    }

    /** Waits for a task with only a deadline; see {@link #waitForTask(long, TaskWaitOptions)}. */
    default TaskResult waitForTask(long taskId, Duration timeout) {
        return waitForTask(taskId, TaskWaitOptions.timeout(timeout));
    }

    /** {@code POST /deployments/:d/scans}: a cloud check scan task. */
    default long scan(String deployment, ContextId contextId) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/problems}: open problems (after a scan). */
    default List<Problem> problems(String deployment) {
        throw unsupported();
    }

    /**
     * {@code PUT /deployments/:d/problems} with an explicit resolution name per problem id (e.g.
     * {@code recreate_vm}). Null resolutions are refused: the director's default for an unresponsive agent is
     * {@code ignore}.
     */
    default long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId) {
        throw unsupported();
    }

    /**
     * {@code PUT /deployments/:d/scan_and_fix} with {@code {"jobs":{"<group>":["<uuid or index>"]}}}, the
     * resurrector's call. Paused resurrection gives {@link DirectorResurrectionPausedException}.
     */
    default long scanAndFix(String deployment, Map<String, List<String>> instancesByGroup, ContextId contextId) {
        throw unsupported();
    }

    /** {@code GET /resurrection}: true when resurrection is <em>not</em> paused. */
    default boolean resurrectionEnabled() {
        throw unsupported();
    }

    /** {@code PUT /resurrection} with {@code {"resurrection_paused": paused}}. */
    default void setResurrectionPaused(boolean paused) {
        throw unsupported();
    }

    /** {@code GET /deployments/:d/variables}: the full names of the deployment's current variable set. */
    default List<String> variables(String deployment) {
        throw unsupported();
    }

    /** {@code GET /configs?type=..&latest=..}, e.g. type {@code resurrection}. */
    default List<Config> configs(String type, boolean latest) {
        throw unsupported();
    }

    /** {@code GET /locks}. */
    default List<Lock> locks() {
        throw unsupported();
    }

    /** {@code GET /stemcells}. */
    default List<Stemcell> stemcells() {
        throw unsupported();
    }

    /** {@code GET /releases}. */
    default List<Release> releases() {
        throw unsupported();
    }

    /**
     * {@code PUT /deployments/:d/jobs/:group/:indexOrId?state=recreate[&fix=true]} with an empty
     * {@code text/yaml} body; with {@code fix} it also recreates a VM whose agent is unresponsive.
     */
    default long recreateInstance(String deployment, String instanceGroup, String indexOrId, boolean fix,
                                  ContextId contextId) {
        throw unsupported();
    }

    /** {@code POST /deployments/:d/ssh} {@code setup}: starts the task that adds {@code user} with {@code publicKey}. */
    default long startSshSetup(String deployment, SshTarget target, String user, String publicKey, ContextId contextId) {
        throw unsupported();
    }

    /** Runs the ssh setup task and returns each instance's answer, with its host key to pin. */
    default List<SshHostResult> sshSetup(String deployment, SshTarget target, String user, String publicKey,
                                         ContextId contextId, Duration timeout) {
        throw unsupported();
    }

    /** {@code POST /deployments/:d/ssh} {@code cleanup} of users matching {@code ^user}; returns the task id. */
    default long sshCleanup(String deployment, SshTarget target, String user, ContextId contextId) {
        throw unsupported();
    }

    @Override
    void close();

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not implemented by this DirectorClient");
    }
}
