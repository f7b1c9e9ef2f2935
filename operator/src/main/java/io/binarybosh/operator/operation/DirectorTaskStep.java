package io.binarybosh.operator.operation;

import io.binarybosh.operator.director.DirectorTasks;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.DirectorRole;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A step carried by one director task (a scan, the recreate resolutions, a deploy): the task this operator already
 * started is found again before one is started (the operator may have died before recording its id), its state is
 * followed, and once it is done the operation moves to {@code after}.
 */
public final class DirectorTaskStep implements StepHandler {

    /** What the step's task does. */
    public enum Kind { SCAN, RESOLVE, DEPLOY }

    /** Problem types a recreate fixes, and the explicit resolution used (never the director's auto one). */
    private static final Set<String> RECREATABLE = Set.of("missing_vm", "unresponsive_agent");
    private static final String RECREATE = "recreate_vm";
    /** For operations written without a task id floor: a director's clock and ours may differ a little. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final Kind kind;
    private final OperationStep after;
    /** The step after a resolve that found nothing to resolve, or after the resolve task. */
    private final OperationStep afterResolve;

    public DirectorTaskStep(Kind kind, OperationStep after, OperationStep afterResolve) {
        this.kind = kind;
        this.after = after;
        this.afterResolve = afterResolve;
    }

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        switch (action) {
            case FIND_OR_START_TASK -> findOrStart(context);
            case FOLLOW_TASK -> follow(context);
            case NEXT_STEP -> done(context);
            default -> throw new IllegalStateException(action + " is not an action of a task step");
        }
    }

    private void follow(OperationContext context) {
        OperationStatus operation = context.operation();
        Task task = manager(context).task(operation.getTaskId());
        context.update(status -> status.getOperation().setTaskState(task.state().wire()));
    }

    private void done(OperationContext context) {
        OperationStatus operation = context.operation();
        if (kind == Kind.SCAN) {
            long above = TaskFloor.of(manager(context), deployment(context));
            Journal.next(context, after, "scan done: recreating the VM",
                    status -> status.getOperation().setTaskIdAbove(above));
            return;
        }
        Journal.next(context, after, (kind == Kind.DEPLOY ? "deploy done" : "task " + operation.getTaskId()
                + " done: the VM was recreated") + ": verifying", null);
    }

    private void findOrStart(OperationContext context) {
        OperationStatus operation = context.operation();
        DirectorClient manager = manager(context);
        String deployment = deployment(context);
        Optional<Task> mine = kind == Kind.DEPLOY ? ownDeploy(manager, deployment, operation)
                : ownTask(context, manager, deployment, operation);
        if (mine.isPresent()) {
            Task task = mine.get();
            context.update(status -> {
                status.getOperation().setTaskId(task.id());
                status.getOperation().setTaskState(task.state().wire());
            });
            return;
        }
        ContextId contextId = ContextId.of(operation.getId());
        long taskId;
        switch (kind) {
            case SCAN -> taskId = manager.scan(deployment, contextId);
            case DEPLOY -> {
                String manifest = context.facts().of(target(operation)).desiredManifest();
                if (manifest == null) {
                    throw new DirectorException("the desired manifest of '" + deployment + "' cannot be read now");
                }
                taskId = manager.deploy(manifest, DeployOptions.defaults(), contextId);
            }
            default -> {
                Map<Long, String> resolutions = new LinkedHashMap<>();
                for (Problem problem : manager.problems(deployment)) {
                    if (RECREATABLE.contains(problem.type()) && problem.offers(RECREATE)) {
                        resolutions.put(problem.id(), RECREATE);
                    }
                }
                if (resolutions.isEmpty()) {
                    Journal.next(context, afterResolve, "the scan found no missing VM or unresponsive agent: "
                            + "verifying", null);
                    return;
                }
                taskId = manager.resolveProblems(deployment, resolutions, contextId);
            }
        }
        context.beforeRecord("task");
        context.update(status -> status.getOperation().setTaskId(taskId));
    }

    /** Scans and resolutions keep no context id: the task is the first of its kind by us above the floor. */
    private Optional<Task> ownTask(OperationContext context, DirectorClient manager, String deployment,
                                   OperationStatus operation) {
        String description = kind == Kind.SCAN ? DirectorTasks.SCAN : DirectorTasks.RESOLVE;
        DirectorRole managerRole = DirectorRole.fromField(operation.getDirector());
        var observation = context.facts().of(managerRole).observation();
        String user = observation == null ? null : observation.user();
        Instant stepStarted = Journal.stepStarted(operation).minus(CLOCK_SKEW);
        Long above = operation.getTaskIdAbove();
        return manager.tasks(new TaskQuery(List.of(), deployment, null, 50, true)).stream()
                .filter(t -> description.equals(t.description()))
                .filter(t -> user == null || user.equals(t.user()))
                .filter(t -> above != null ? t.id() > above
                        : t.startedAt() == null || !Instant.ofEpochSecond(t.startedAt()).isBefore(stepStarted))
                .findFirst();
    }

    /** A director keeps the context id of deploy tasks: the operation's own deploy is found by it. */
    private static Optional<Task> ownDeploy(DirectorClient manager, String deployment, OperationStatus operation) {
        return manager.tasks(new TaskQuery(List.of(), deployment, operation.getId(), 10, true)).stream()
                .filter(t -> operation.getId().equals(t.contextId())).findFirst();
    }

    private static DirectorClient manager(OperationContext context) {
        return context.client(DirectorRole.fromField(context.operation().getDirector()));
    }

    private static String deployment(OperationContext context) {
        return context.facts().of(target(context.operation())).deployment();
    }

    private static DirectorRole target(OperationStatus operation) {
        return DirectorRole.fromField(operation.getTarget());
    }
}
