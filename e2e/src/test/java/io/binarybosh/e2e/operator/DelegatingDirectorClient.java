package io.binarybosh.e2e.operator;

import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.director.TaskResult;
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
import io.binarybosh.operator.director.model.VmDetails;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Passes every call to a real client; tests override the one call they make fail. */
class DelegatingDirectorClient implements DirectorClient {

    private final DirectorClient delegate;

    DelegatingDirectorClient(DirectorClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public DirectorInfo info() {
        return delegate.info();
    }

    @Override
    public DirectorInfo authenticatedInfo() {
        return delegate.authenticatedInfo();
    }

    @Override
    public List<Deployment> deployments(DeploymentsQuery query) {
        return delegate.deployments(query);
    }

    @Override
    public String manifest(String deployment) {
        return delegate.manifest(deployment);
    }

    @Override
    public List<Instance> instances(String deployment) {
        return delegate.instances(deployment);
    }

    @Override
    public List<Task> tasks(TaskQuery query) {
        return delegate.tasks(query);
    }

    @Override
    public Task task(long taskId) {
        return delegate.task(taskId);
    }

    @Override
    public List<Problem> problems(String deployment) {
        return delegate.problems(deployment);
    }

    @Override
    public boolean resurrectionEnabled() {
        return delegate.resurrectionEnabled();
    }

    @Override
    public List<String> variables(String deployment) {
        return delegate.variables(deployment);
    }

    @Override
    public List<Config> configs(String type, boolean latest) {
        return delegate.configs(type, latest);
    }

    @Override
    public List<Stemcell> stemcells() {
        return delegate.stemcells();
    }

    @Override
    public List<Release> releases() {
        return delegate.releases();
    }

    @Override
    public long deploy(String manifestYaml, DeployOptions options, ContextId contextId) {
        return delegate.deploy(manifestYaml, options, contextId);
    }

    @Override
    public long scan(String deployment, ContextId contextId) {
        return delegate.scan(deployment, contextId);
    }

    @Override
    public long resolveProblems(String deployment, Map<Long, String> resolutions, ContextId contextId) {
        return delegate.resolveProblems(deployment, resolutions, contextId);
    }

    @Override
    public List<VmDetails> instanceDetails(String deployment, ContextId contextId, Duration timeout) {
        return delegate.instanceDetails(deployment, contextId, timeout);
    }

    @Override
    public TaskResult waitForTask(long taskId, Duration timeout) {
        return delegate.waitForTask(taskId, timeout);
    }

    @Override
    public void cancelTask(long taskId) {
        delegate.cancelTask(taskId);
    }

    @Override
    public void setResurrectionPaused(boolean paused) {
        delegate.setResurrectionPaused(paused);
    }

    @Override
    public List<SshHostResult> sshSetup(String deployment, SshTarget target, String user, String publicKey,
                                        ContextId contextId, Duration timeout) {
        return delegate.sshSetup(deployment, target, user, publicKey, contextId, timeout);
    }

    @Override
    public long sshCleanup(String deployment, SshTarget target, String user, ContextId contextId) {
        return delegate.sshCleanup(deployment, target, user, contextId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
