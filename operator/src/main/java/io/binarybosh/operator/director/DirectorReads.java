package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.Deployment;
import io.binarybosh.operator.director.model.DeploymentsQuery;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Release;
import io.binarybosh.operator.director.model.Stemcell;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;

import java.util.List;

/**
 * The reads the operator makes of a director: answered from the director's database, they start no task and change
 * nothing, so any of them may be repeated at will. Every failure is a {@link DirectorException}.
 */
public interface DirectorReads {

    /** {@code GET /info} without credentials: reachability, identity and the auth mode. */
    DirectorInfo info();

    /**
     * {@code GET /info} with credentials: proves they are accepted. A director answers {@code user: null}
     * (or 401) for credentials it does not accept; both end in {@link DirectorUnauthorizedException}.
     */
    DirectorInfo authenticatedInfo();

    /** {@code GET /deployments} with the given {@code exclude_*} flags. */
    List<Deployment> deployments(DeploymentsQuery query);

    /** {@code GET /deployments} with everything: releases, stemcells, cloud config and the {@code locked} flag. */
    default List<Deployment> deployments() {
        return deployments(DeploymentsQuery.full());
    }

    /** {@code GET /deployments/:d}: the deployment's stored manifest YAML (empty if it has none). */
    String manifest(String deployment);

    /** {@code GET /deployments/:d/instances}: from the director's database, no agent contact. */
    List<Instance> instances(String deployment);

    /** {@code GET /tasks} with filters, newest first. */
    List<Task> tasks(TaskQuery query);

    /** {@code GET /tasks/:id}. */
    Task task(long taskId);

    /** {@code GET /deployments/:d/problems}: open problems (after a scan). */
    List<Problem> problems(String deployment);

    /** {@code GET /resurrection}: true when resurrection is <em>not</em> paused. */
    boolean resurrectionEnabled();

    /** {@code GET /deployments/:d/variables}: the full names of the deployment's current variable set. */
    List<String> variables(String deployment);

    /** {@code GET /configs?type=..&latest=..}, e.g. type {@code resurrection}. */
    List<Config> configs(String type, boolean latest);

    /** {@code GET /stemcells}. */
    List<Stemcell> stemcells();

    /** {@code GET /releases}. */
    List<Release> releases();
}
