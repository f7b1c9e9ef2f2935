package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.SshHostResult;
import io.binarybosh.operator.director.model.SshTarget;
import io.binarybosh.operator.director.model.VmDetails;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The calls by which the operator makes a director do something: start a task (returning its id, read from the
 * 302/303 {@code Location}, never followed, and sending the given {@link ContextId} as {@code X-Bosh-Context-Id}),
 * wait for or cancel one, or pause resurrection. A POST or PUT that starts a task is sent once, never retried:
 * whoever calls it records its intent first. Every failure is a {@link DirectorException}.
 */
public interface DirectorActions {

    /**
     * {@code POST /deployments} with the manifest as {@code text/yaml}; creates or updates the deployment named
     * in it. Returns the task id.
     */
    long deploy(String manifestYaml, DeployOptions options, ContextId contextId);

    /** {@code POST /deployments/:d/scans}: a cloud check scan task. */
    long scan(String deployment, ContextId contextId);

    /**
     * {@code PUT /deployments/:d/problems} with an explicit resolution name per problem id (e.g.
     * {@code recreate_vm}). Null resolutions are refused: the director's default for an unresponsive agent is
     * {@code ignore}.
     */
    long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId);

    /**
     * Live per-instance state (agent asked within 5 s): runs the {@code GET /deployments/:d/instances?format=full}
     * task and reads its result.
     */
    List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout);

    /** Polls the task and its events until it ends or {@code timeout} passes; only {@code done} is success. */
    TaskResult waitForTask(long taskId, Duration timeout);

    /** {@code DELETE /task/:id} (singular {@code /task}). A task that already finished gives a 400 {@link DirectorApiException}. */
    void cancelTask(long taskId);

    /** {@code PUT /resurrection} with {@code {"resurrection_paused": paused}}. */
    void setResurrectionPaused(boolean paused);

    /** Runs the {@code POST /deployments/:d/ssh} {@code setup} task; each instance's answer, with its host key to pin. */
    List<SshHostResult> sshSetup(String deployment, SshTarget target, String user, String publicKey,
                                 ContextId contextId, Duration timeout);

    /** {@code POST /deployments/:d/ssh} {@code cleanup} of users matching {@code ^user}; returns the task id. */
    long sshCleanup(String deployment, SshTarget target, String user, ContextId contextId);
}
