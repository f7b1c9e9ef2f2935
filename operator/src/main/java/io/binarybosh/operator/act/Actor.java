package io.binarybosh.operator.act;

import io.binarybosh.operator.decide.DirectorFacts;
import io.binarybosh.operator.decide.OperationTypes;
import io.binarybosh.operator.decide.PairFacts;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.director.ContextId;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.TaskFloor;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.model.DeployOptions;
import io.binarybosh.operator.director.model.Instance;
import io.binarybosh.operator.director.model.Problem;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.observe.DirectorRole;
import io.binarybosh.operator.reconcile.Timestamps;
import io.binarybosh.operator.shell.ShellException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out one step. Every step that changes a director first writes its intent to status.operation (an
 * optimistic-locked write), then calls the director, then records what happened, so that an operator that dies
 * at any instant resumes without repeating or skipping the call.
 */
public final class Actor {

    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);
    /** Problem types a recreate fixes, and the explicit resolution used (never the director's auto one). */
    private static final Set<String> RECREATABLE = Set.of("missing_vm", "unresponsive_agent");
    private static final String RECREATE = "recreate_vm";
    /** For operations written without a task id floor: a director's clock and ours may differ a little. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final DirectorAccess directors;
    private final MicroFence fencer;
    /** How long one fence attempt waits for monit to stop the Micro's processes. */
    static final Duration FENCE_STOP_WAIT = Duration.ofMinutes(2);
    private final Migrator migrator;
    private final PairMetrics metrics;
    private final Clock clock;

    public Actor(DirectorAccess directors, PairMetrics metrics, Clock clock) {
        this(directors, pair -> {
            throw new ShellException("no shell access is configured");
        }, metrics, clock);
    }

    public Actor(DirectorAccess directors, ShellAccess shells, PairMetrics metrics, Clock clock) {
        this.fencer = new MicroFence(shells);
        this.migrator = new Migrator(directors, shells, metrics, clock, this::finish);
        this.directors = directors;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void act(Step step, BinaryBoshPair pair, PairFacts facts, StatusWriter statusWriter, EventSink events) {
        // Every write goes on from the pair as last written, so that its resource version is current.
        BinaryBoshPair[] latest = {pair};
        StatusWriter writer = (current, change) -> {
            latest[0] = statusWriter.update(latest[0], change);
            return latest[0];
        };
        try {
            if (step instanceof Step.StartRepair start) {
                startRepair(start, pair, facts, writer, events);
            } else if (step instanceof Step.UnpauseResurrection unpause) {
                BinaryBoshPair written = writer.update(pair, status -> status.setOperation(
                        operation(OperationTypes.UNPAUSE_RESURRECTION, unpause.on(), unpause.on(),
                                OperationTypes.UNPAUSING, "unpausing resurrection on " + unpause.on().displayName())));
                unpause(written, unpause.on(), writer, events);
            } else if (step instanceof Step.StartFence) {
                OperationStatus operation = operation(OperationTypes.FENCE_MICRO, DirectorRole.MICRO, DirectorRole.MICRO,
                        OperationTypes.STOPPING_PROCESSES, "stopping the Micro's processes");
                BinaryBoshPair written = writer.update(pair, status -> status.setOperation(operation));
                events.warning(written, "FencingMicro", "the Micro at " + pair.getSpec().getBootstrap().getMicro()
                        .getUrl() + " holds a deployment of the pair: stopping its processes and moving its store "
                        + "aside (operation " + operation.getId() + ")");
                fence(written, writer, events);
            } else if (step instanceof Step.StartMigration) {
                migrator.start(operation(OperationTypes.MIGRATION, DirectorRole.META, DirectorRole.META,
                        OperationTypes.PREFLIGHT, "preflight: checking the three directors before anything changes"),
                        pair, facts, writer, events);
            } else if (step instanceof Step.StartDeploy deploy) {
                startDeploy(deploy, pair, facts, writer, events);
            } else if (step instanceof Step.CancelStuckTask cancel) {
                OperationStatus operation = operation(OperationTypes.CANCEL_STUCK_TASK, cancel.target(),
                        cancel.manager(), OperationTypes.CANCELLING, "cancelling task " + cancel.taskId() + " on "
                                + cancel.manager().displayName());
                operation.setTaskId(cancel.taskId());
                BinaryBoshPair written = writer.update(pair, status -> status.setOperation(operation));
                cancel(written, writer, events);
            } else if (step instanceof Step.ContinueOperation next) {
                continueOperation(next.action(), pair, facts, writer, events);
            } else if (step instanceof Step.FinishOperation finish) {
                finish(pair, finish.result(), finish.message(), writer, events);
            }
        } catch (DirectorException | ShellException e) {
            // The operation stays in status; the next reconcile picks it up again.
            LOG.warn("pair={}/{} step {} failed: {}", pair.getMetadata().getNamespace(), pair.getMetadata().getName(),
                    step.getClass().getSimpleName(), e.getMessage());
            if (latest[0].getStatus() != null && latest[0].getStatus().getOperation() != null) {
                writer.update(latest[0], status -> {
                    if (status.getOperation() != null) {
                        status.getOperation().setMessage("last attempt failed: " + e.getMessage());
                    }
                });
            }
        }
    }

    private void startRepair(Step.StartRepair start, BinaryBoshPair pair, PairFacts facts, StatusWriter writer,
                             EventSink events) {
        DirectorFacts target = facts.of(start.target());
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        Optional<Instance> instance = target.managerView().flatMap(v -> v.instance());
        DirectorStatus targetStatus = directorStatus(pair.getStatus(), start.target());
        OperationStatus operation = operation(OperationTypes.REPAIR, start.target(), start.manager(),
                manual ? OperationTypes.AWAITING_APPROVAL : OperationTypes.SCANNING,
                manual ? "waiting for the annotation binarybosh.io/approve to recreate "
                        + start.target().displayName() + "'s VM" : "scanning " + target.deployment() + " on "
                        + start.manager().displayName());
        operation.setPreviousVmCid(instance.map(Instance::cid).orElse(null));
        operation.setPreviousAgentId(instance.map(Instance::agentId).orElse(null));
        operation.setPreviousDeployments(targetStatus == null ? null : targetStatus.getDeployments());
        Duration down = target.downFor().orElse(Duration.ZERO);
        if (!manual) {
            operation.setTaskIdAbove(newestTaskId(client(pair, start.manager()), target.deployment()));
        }
        BinaryBoshPair written = writer.update(pair, status -> {
            status.setOperation(operation);
            if (!manual) {
                countAttempt(status, start.target());
            }
        });
        if (manual) {
            events.normal(written, "ApprovalRequired", start.target().displayName() + " is down for "
                    + down.toSeconds() + "s; to let " + start.manager().displayName() + " recreate its VM, annotate "
                    + "the pair with binarybosh.io/approve=" + operation.getId());
            return;
        }
        metrics.repairStarted(start.target(), down);
        events.warning(written, "RepairStarted", start.target().displayName() + " is down for " + down.toSeconds()
                + "s and " + start.manager().displayName() + "'s health monitor has not resurrected it: asking "
                + start.manager().displayName() + " to scan '" + target.deployment() + "' and recreate the VM "
                + "(operation " + operation.getId() + ")");
        findOrStartTask(written, facts, writer);
    }

    private void startDeploy(Step.StartDeploy start, BinaryBoshPair pair, PairFacts facts, StatusWriter writer,
                             EventSink events) {
        DirectorFacts target = facts.of(start.target());
        boolean manual = pair.getSpec().getApproval() == ApprovalMode.Manual;
        OperationStatus operation = operation(OperationTypes.DEPLOY, start.target(), start.manager(),
                manual ? OperationTypes.AWAITING_APPROVAL : OperationTypes.DEPLOYING,
                (manual ? "waiting for the annotation binarybosh.io/approve to deploy" : "deploying")
                        + " the manifestRef of " + start.target().displayName() + " through "
                        + start.manager().displayName());
        BinaryBoshPair written = writer.update(pair, status -> status.setOperation(operation));
        if (manual) {
            events.normal(written, "ApprovalRequired", start.target().displayName() + "'s deployment '"
                    + target.deployment() + "' differs from its manifestRef; to deploy it through "
                    + start.manager().displayName() + ", annotate the pair with binarybosh.io/approve="
                    + operation.getId());
            return;
        }
        events.normal(written, "DeployStarted", "deploying the manifestRef of " + start.target().displayName()
                + " to '" + target.deployment() + "' through " + start.manager().displayName() + " (operation "
                + operation.getId() + ")");
        findOrStartTask(written, facts, writer);
    }

    private void continueOperation(Step.OperationAction action, BinaryBoshPair pair, PairFacts facts,
                                   StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        boolean migration = OperationTypes.MIGRATION.equals(operation.getType());
        switch (action) {
            case MIGRATE -> migrator.proceed(pair, facts, writer, events);
            case BEGIN_AFTER_APPROVAL -> {
                if (migration) {
                    migrator.approved(pair, facts, writer, events);
                    return;
                }
                DirectorRole target = role(operation.getTarget());
                if (OperationTypes.DEPLOY.equals(operation.getType())) {
                    BinaryBoshPair written = writer.update(pair, status -> nextStep(status.getOperation(),
                            OperationTypes.DEPLOYING, "approved: deploying"));
                    events.normal(written, "DeployStarted", "operation " + operation.getId() + " approved: "
                            + "deploying the manifestRef of " + target.displayName());
                    findOrStartTask(written, facts, writer);
                    return;
                }
                long above = newestTaskId(client(pair, role(operation.getDirector())), facts.of(target).deployment());
                BinaryBoshPair written = writer.update(pair, status -> {
                    nextStep(status.getOperation(), OperationTypes.SCANNING, "approved: scanning");
                    status.getOperation().setTaskIdAbove(above);
                    countAttempt(status, target);
                });
                metrics.repairStarted(target, facts.of(target).downFor().orElse(Duration.ZERO));
                events.warning(written, "RepairStarted", "operation " + operation.getId() + " approved: asking "
                        + role(operation.getDirector()).displayName() + " to recreate " + target.displayName()
                        + "'s VM");
                findOrStartTask(written, facts, writer);
            }
            case FIND_OR_START_TASK -> findOrStartTask(pair, facts, writer);
            case FOLLOW_TASK -> {
                DirectorClient manager = client(pair, role(operation.getDirector()));
                Task task = manager.task(operation.getTaskId());
                writer.update(pair, status -> status.getOperation().setTaskState(task.state().wire()));
            }
            case NEXT_STEP -> {
                if (migration && OperationTypes.RESOLVING.equals(operation.getStep())) {
                    migrator.adoptionTaskDone(pair, writer, "Meta's recreate task " + operation.getTaskId()
                            + " is done: verifying Primary on its new VM");
                    return;
                }
                if (OperationTypes.DEPLOYING.equals(operation.getStep())) {
                    writer.update(pair, status -> nextStep(status.getOperation(), OperationTypes.VERIFYING,
                            "deploy done: verifying"));
                    return;
                }
                boolean toResolving = OperationTypes.SCANNING.equals(operation.getStep());
                Long above = toResolving ? newestTaskId(client(pair, role(operation.getDirector())),
                        facts.of(role(operation.getTarget())).deployment()) : null;
                writer.update(pair, status -> {
                    OperationStatus op = status.getOperation();
                    if (toResolving) {
                        if (OperationTypes.MIGRATION.equals(op.getType())) {
                            Migrator.recordStep(status, clock.instant());
                        }
                        nextStep(op, OperationTypes.RESOLVING, "scan done: recreating the VM");
                        op.setTaskIdAbove(above);
                    } else {
                        nextStep(op, OperationTypes.VERIFYING, "recreate done: verifying");
                    }
                });
            }
            case REDO -> {
                if (migration) {
                    migrator.redoAdoption(pair, facts, writer, events);
                } else if (MicroFence.isFence(operation)) {
                    fence(pair, writer, events);
                } else if (OperationTypes.CANCEL_STUCK_TASK.equals(operation.getType())) {
                    cancel(pair, writer, events);
                } else {
                    unpause(pair, role(operation.getTarget()), writer, events);
                }
            }
        }
    }

    /**
     * Finds the task of the current step that this operator already started (it may have died before recording
     * the id: scans and resolutions do not keep a context id), or starts it.
     */
    private void findOrStartTask(BinaryBoshPair pair, PairFacts facts, StatusWriter writer) {
        OperationStatus operation = pair.getStatus().getOperation();
        DirectorRole managerRole = role(operation.getDirector());
        DirectorClient manager = client(pair, managerRole);
        String deployment = facts.of(role(operation.getTarget())).deployment();
        if (OperationTypes.DEPLOYING.equals(operation.getStep())) {
            findOrStartDeploy(pair, manager, deployment, facts.of(role(operation.getTarget())).desiredManifest(),
                    writer);
            return;
        }
        boolean scanning = OperationTypes.SCANNING.equals(operation.getStep());
        String description = scanning ? OperationTypes.SCAN_TASK : OperationTypes.RESOLVE_TASK;
        String user = facts.of(managerRole).observation() == null ? null
                : facts.of(managerRole).observation().user();
        Instant stepStarted = Instant.parse(operation.getStepStartedTime()).minus(CLOCK_SKEW);
        Long above = operation.getTaskIdAbove();
        Optional<Task> mine = manager.tasks(new TaskQuery(List.of(), deployment, null, 50, true)).stream()
                .filter(t -> description.equals(t.description()))
                .filter(t -> user == null || user.equals(t.user()))
                .filter(t -> above != null ? t.id() > above
                        : t.startedAt() == null || !Instant.ofEpochSecond(t.startedAt()).isBefore(stepStarted))
                .findFirst();
        if (mine.isPresent()) {
            Task task = mine.get();
            writer.update(pair, status -> {
                status.getOperation().setTaskId(task.id());
                status.getOperation().setTaskState(task.state().wire());
            });
            return;
        }
        ContextId context = ContextId.of(operation.getId());
        if (scanning) {
            long taskId = manager.scan(deployment, context);
            writer.update(pair, status -> status.getOperation().setTaskId(taskId));
            return;
        }
        Map<Long, String> resolutions = new LinkedHashMap<>();
        for (Problem problem : manager.problems(deployment)) {
            if (RECREATABLE.contains(problem.type()) && problem.offers(RECREATE)) {
                resolutions.put(problem.id(), RECREATE);
            }
        }
        if (resolutions.isEmpty()) {
            if (OperationTypes.MIGRATION.equals(operation.getType())) {
                migrator.adoptionTaskDone(pair, writer, "the scan found no missing VM or unresponsive agent for "
                        + "Primary: verifying");
                return;
            }
            writer.update(pair, status -> nextStep(status.getOperation(), OperationTypes.VERIFYING,
                    "the scan found no missing VM or unresponsive agent: verifying"));
            return;
        }
        long taskId = manager.resolveProblems(deployment, resolutions, context);
        writer.update(pair, status -> status.getOperation().setTaskId(taskId));
    }

    /** A director keeps the context id of deploy tasks: the operation's own deploy is found by it. */
    private void findOrStartDeploy(BinaryBoshPair pair, DirectorClient manager, String deployment, String manifest,
                                   StatusWriter writer) {
        OperationStatus operation = pair.getStatus().getOperation();
        Optional<Task> mine = manager.tasks(new TaskQuery(List.of(), deployment, operation.getId(), 10, true))
                .stream().filter(t -> operation.getId().equals(t.contextId())).findFirst();
        if (mine.isPresent()) {
            writer.update(pair, status -> {
                status.getOperation().setTaskId(mine.get().id());
                status.getOperation().setTaskState(mine.get().state().wire());
            });
            return;
        }
        if (manifest == null) {
            throw new DirectorException("the desired manifest of '" + deployment + "' cannot be read now");
        }
        long taskId = manager.deploy(manifest, DeployOptions.defaults(), ContextId.of(operation.getId()));
        writer.update(pair, status -> status.getOperation().setTaskId(taskId));
    }

    /** The newest task id of the deployment (0 if none): a task started after this has a higher id. */
    private static long newestTaskId(DirectorClient client, String deployment) {
        return TaskFloor.of(client, deployment);
    }

    /**
     * Carries the fence as far as it goes now. An attempt that fails, or whose processes do not stop within
     * {@link #FENCE_STOP_WAIT}, ends the operation as failed ({@code MicroFenceFailed}): the decision retries it
     * later with a growing delay, and repairs of Primary and Meta go on meanwhile.
     */
    private void fence(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        Optional<String> aside;
        try {
            aside = fencer.attempt(pair, MicroFence.asideName(operation.getId()));
        } catch (ShellException e) {
            finish(pair, OperationTypes.FAILED, "fencing the Micro failed: " + e.getMessage(), writer, events);
            return;
        }
        if (aside.isEmpty()) {
            if (Instant.parse(operation.getStartedTime()).plus(FENCE_STOP_WAIT).isBefore(clock.instant())) {
                finish(pair, OperationTypes.FAILED, "fencing the Micro failed: monit still reports processes running "
                        + FENCE_STOP_WAIT.toMinutes() + " minutes after monit stop all", writer, events);
                return;
            }
            writer.update(pair, status -> status.getOperation().setMessage(
                    "monit stop all sent; not every process is stopped yet"));
            return;
        }
        finish(pair, OperationTypes.SUCCEEDED, "Micro fenced: its processes are stopped and its store's contents were "
                + "moved to " + aside.get() + " (nothing deleted); a restart finds an empty director", writer, events);
    }

    /** Cancels the recorded task; one that has ended meanwhile needs no cancelling. */
    private void cancel(BinaryBoshPair pair, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        DirectorClient manager = client(pair, role(operation.getDirector()));
        Task task = manager.task(operation.getTaskId());
        if (!task.state().isFinished() && task.state() != io.binarybosh.operator.director.model.TaskState.CANCELLING) {
            manager.cancelTask(task.id());
        }
        finish(pair, OperationTypes.SUCCEEDED, "task " + task.id() + " ('" + task.description() + "' by "
                + task.user() + ") was " + (task.state().isFinished() ? "already " + task.state().wire()
                : "cancelled"), writer, events);
    }

    private void unpause(BinaryBoshPair pair, DirectorRole on, StatusWriter writer, EventSink events) {
        DirectorClient client = client(pair, on);
        client.setResurrectionPaused(false);
        boolean enabled = client.resurrectionEnabled();
        metrics.unpaused(on);
        finish(pair, enabled ? OperationTypes.SUCCEEDED : OperationTypes.FAILED,
                enabled ? "resurrection unpaused on " + on.displayName()
                        : on.displayName() + " still reports resurrection paused after PUT /resurrection",
                writer, events);
    }

    private void finish(BinaryBoshPair pair, String result, String message, StatusWriter writer, EventSink events) {
        OperationStatus operation = pair.getStatus().getOperation();
        if (operation == null) {
            return;
        }
        Instant now = clock.instant();
        OperationRecord record = new OperationRecord();
        record.setId(operation.getId());
        record.setType(operation.getType());
        record.setResult(result);
        record.setStartedTime(operation.getStartedTime());
        record.setFinishedTime(Timestamps.format(now));
        record.setMessage(message);
        BinaryBoshPair written = writer.update(pair, status -> {
            List<OperationRecord> history = new ArrayList<>();
            history.add(record);
            history.addAll(status.getHistory());
            status.setHistory(new ArrayList<>(history.subList(0,
                    Math.min(history.size(), BinaryBoshPairStatus.HISTORY_LIMIT))));
            status.setOperation(null);
        });
        Duration took = Duration.between(Instant.parse(operation.getStartedTime()), now);
        metrics.operationFinished(operation.getType(), operation.getTarget(), result, took);
        String reason = switch (operation.getType()) {
            case OperationTypes.UNPAUSE_RESURRECTION ->
                    OperationTypes.SUCCEEDED.equals(result) ? "ResurrectionUnpaused" : "ResurrectionUnpauseFailed";
            case OperationTypes.CANCEL_STUCK_TASK -> "StuckTaskCancelled";
            case OperationTypes.FENCE_MICRO -> OperationTypes.SUCCEEDED.equals(result) ? "MicroFenced" : "MicroFenceFailed";
            case OperationTypes.MIGRATION -> OperationTypes.SUCCEEDED.equals(result) ? "MigrationSucceeded"
                    : OperationTypes.REFUSED.equals(result) ? "MigrationRefused" : "Migration" + result;
            default -> operation.getType() + result;
        };
        String text = message + " (operation " + operation.getId() + ", " + took.toSeconds() + "s)";
        if (OperationTypes.FAILED.equals(result) || OperationTypes.REFUSED.equals(result)) {
            events.warning(written, reason, text);
        } else {
            events.normal(written, reason, text);
        }
    }

    private OperationStatus operation(String type, DirectorRole target, DirectorRole director, String step,
                                      String message) {
        String now = Timestamps.format(clock.instant());
        OperationStatus operation = new OperationStatus();
        operation.setId(type.toLowerCase(java.util.Locale.ROOT) + "-" + target.fieldName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        operation.setType(type);
        operation.setTarget(target.fieldName());
        operation.setDirector(director.fieldName());
        operation.setStep(step);
        operation.setStartedTime(now);
        operation.setStepStartedTime(now);
        operation.setAttempt(1);
        operation.setMessage(message);
        return operation;
    }

    private void nextStep(OperationStatus operation, String step, String message) {
        operation.setStep(step);
        operation.setStepStartedTime(Timestamps.format(clock.instant()));
        operation.setTaskId(null);
        operation.setTaskState(null);
        operation.setMessage(message);
    }

    private void countAttempt(BinaryBoshPairStatus status, DirectorRole target) {
        DirectorStatus director = directorStatus(status, target);
        if (director != null) {
            director.setRepairAttempts((director.getRepairAttempts() == null ? 0 : director.getRepairAttempts()) + 1);
            director.setLastRepairTime(Timestamps.format(clock.instant()));
        }
    }

    private DirectorClient client(BinaryBoshPair pair, DirectorRole role) {
        return directors.client(pair, role).orElseThrow(() -> new DirectorException(
                role.displayName() + "'s client cannot be built from the spec and its Secrets"));
    }

    private static DirectorStatus directorStatus(BinaryBoshPairStatus status, DirectorRole role) {
        return role == DirectorRole.PRIMARY ? status.getPrimary() : status.getMeta();
    }

    private static DirectorRole role(String field) {
        return switch (field) {
            case "meta" -> DirectorRole.META;
            case "micro" -> DirectorRole.MICRO;
            default -> DirectorRole.PRIMARY;
        };
    }
}
