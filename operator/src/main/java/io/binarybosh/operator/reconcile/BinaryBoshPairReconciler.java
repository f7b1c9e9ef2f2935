package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.status.StatusCalculator;
import io.binarybosh.operator.status.ConditionTransition;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.act.Actor;
import io.binarybosh.operator.operation.ShellAccess;
import io.binarybosh.operator.metrics.PairMetrics;
import io.binarybosh.operator.decide.Decider;
import io.binarybosh.operator.decide.DecisionInput;
import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.decide.Timings;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.events.EventRecorder;
import io.binarybosh.operator.events.RecorderHolder;
import io.binarybosh.operator.logging.LogContext;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.observe.EndpointResolution;
import io.micrometer.core.instrument.MeterRegistry;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.StatusConflictException;
import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.observe.DirectorClientCache;
import io.binarybosh.operator.observe.EndpointResolver;
import io.binarybosh.operator.observe.ObservationEventSource;
import io.binarybosh.operator.observe.PairObservation;
import io.binarybosh.operator.observe.PairObserver;
import io.binarybosh.operator.observe.SecretLookup;
import io.binarybosh.operator.shell.MicroShellTarget;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.ShellFactory;
import io.binarybosh.operator.shell.SshShell;
import io.binarybosh.operator.shell.SshTarget;
import io.binarybosh.operator.validate.SpecValidator;
import io.binarybosh.operator.observe.ReferencedObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Thin controller: takes the latest observation of a pair's directors, computes the status it implies, writes
 * it only when it changed, and announces each condition transition as an event.
 */
@ControllerConfiguration(name = BinaryBoshPairReconciler.NAME, finalizerName = BinaryBoshPair.FINALIZER)
@GradualRetry(initialInterval = ReconcileErrorStatus.FIRST_RETRY_MILLIS,
        intervalMultiplier = ReconcileErrorStatus.RETRY_MULTIPLIER,
        maxInterval = ReconcileErrorStatus.MAX_RETRY_INTERVAL_MILLIS,
        maxAttempts = ReconcileErrorStatus.UNLIMITED_ATTEMPTS)
public class BinaryBoshPairReconciler implements Reconciler<BinaryBoshPair>, Cleaner<BinaryBoshPair>, AutoCloseable {

    public static final String NAME = "binaryboshpair";
    private static final Logger LOG = LoggerFactory.getLogger(BinaryBoshPairReconciler.class);

    private final DirectorClientCache clients;
    private final DirectorTimeouts timeouts;
    private final ScheduledExecutorService pollingExecutor;
    private final Executor askExecutor;
    private final SpecValidator validator = new SpecValidator();
    private final StatusCalculator calculator = new StatusCalculator();
    private final Decider decider = new Decider();
    private final PairMetrics metrics;
    private final Actor actor;
    private final Clock clock;
    private final RecorderHolder events;
    private final OperationLeases leases;
    private volatile ReferencedObjects<Secret> secrets;
    private volatile ReferencedObjects<ConfigMap> configMaps;

    /**
     * @param pollingExecutor runs the director polls; its size bounds how many directors are contacted at once
     */
    public BinaryBoshPairReconciler(DirectorClientFactory clientFactory, DirectorTimeouts timeouts,
                                    ScheduledExecutorService pollingExecutor, MeterRegistry meters, Clock clock) {
        this(clientFactory, SshShell.factory(), timeouts, pollingExecutor, meters, clock);
    }

    public BinaryBoshPairReconciler(DirectorClientFactory clientFactory, ShellFactory shells, DirectorTimeouts timeouts,
                                    ScheduledExecutorService pollingExecutor, MeterRegistry meters, Clock clock) {
        this(clientFactory, shells, timeouts, pollingExecutor, Runnable::run, meters, clock);
    }

    /**
     * @param askExecutor asks a pair's Meta while a polling or reconciler thread asks its Primary: a thread for
     *                    each of those, and never the polling executor itself
     */
    public BinaryBoshPairReconciler(DirectorClientFactory clientFactory, ShellFactory shells, DirectorTimeouts timeouts,
                                    ScheduledExecutorService pollingExecutor, Executor askExecutor,
                                    MeterRegistry meters, Clock clock) {
        this.askExecutor = askExecutor;
        this.clients = new DirectorClientCache(clientFactory);
        this.metrics = new PairMetrics(meters);
        this.actor = new Actor(this::client, new ShellAccess() {
            @Override
            public Shell micro(BinaryBoshPair pair) {
                return shells.open(microTarget(pair));
            }

            @Override
            public SshTarget microTarget(BinaryBoshPair pair) {
                return BinaryBoshPairReconciler.this.microTarget(pair);
            }

            @Override
            public Shell open(SshTarget target) {
                return shells.open(target);
            }
        }, metrics, clock);
        this.timeouts = timeouts;
        this.pollingExecutor = pollingExecutor;
        this.clock = clock;
        this.events = new RecorderHolder(clock);
        this.leases = new OperationLeases(ReplicaIdentity.current(), clock);
    }

    /** Secrets read by name and kept a minute ({@link ReferencedObjects}): not an API call per poll. */
    private SecretLookup secretLookup() {
        return new SecretLookup() {
            @Override
            public Optional<Secret> find(String namespace, String name) {
                return secrets == null ? Optional.empty() : secrets.find(namespace, name);
            }

            @Override
            public void stale(String namespace, String name) {
                if (secrets != null) {
                    secrets.stale(namespace, name);
                }
            }
        };
    }

    /** The cached client of one of the pair's directors, as the observer uses it. */
    private Optional<DirectorClient> client(BinaryBoshPair pair, DirectorRole role) {
        var spec = pair.getSpec();
        var director = switch (role) {
            case PRIMARY -> spec.getPrimary();
            case META -> spec.getMeta();
            case MICRO -> spec.getBootstrap() == null ? null : spec.getBootstrap().getMicro();
        };
        EndpointResolution resolution = new EndpointResolver(secretLookup(), timeouts)
                .resolve(pair.getMetadata().getNamespace(), "spec." + role.fieldName(), director);
        if (resolution instanceof EndpointResolution.Resolved resolved) {
            return Optional.of(clients.clientFor(ResourceID.fromResource(pair), role, resolved.endpoint()));
        }
        return Optional.empty();
    }

    private SshTarget microTarget(BinaryBoshPair pair) {
        var micro = pair.getSpec().getBootstrap() == null ? null : pair.getSpec().getBootstrap().getMicro();
        if (micro == null) {
            throw new ShellException("no bootstrap Micro is declared");
        }
        MicroShellTarget.Resolution resolution = MicroShellTarget.resolve(pair.getMetadata().getNamespace(), micro,
                secretLookup());
        if (resolution.problem() != null) {
            throw new ShellException(resolution.problem().message());
        }
        return resolution.target();
    }

    /** Waits, a bounded time, until every event recorded so far is written (tests read them after a status). */
    public boolean flushEvents() {
        return events.flush();
    }

    /** Writes the events still pending (bounded wait), then closes every director client. */
    @Override
    public void close() {
        events.close();
        clients.close();
    }

    @Override
    public List<EventSource<?, BinaryBoshPair>> prepareEventSources(EventSourceContext<BinaryBoshPair> context) {
        secrets = new ReferencedObjects<>(Secret.class, context.getClient(), clock);
        configMaps = new ReferencedObjects<>(ConfigMap.class, context.getClient(), clock);
        ObservationEventSource observations =
                new ObservationEventSource(context,
                        new PairObserver(new EndpointResolver(secretLookup(), timeouts), clients,
                                (namespace, name) -> configMaps == null ? Optional.empty()
                                        : configMaps.find(namespace, name), clock, askExecutor),
                        pollingExecutor, metrics::forget);
        return List.of(observations);
    }

    @Override
    public UpdateControl<BinaryBoshPair> reconcile(BinaryBoshPair pair, Context<BinaryBoshPair> context) {
        try (LogContext ignored = LogContext.of(pair, "decide")) {
            return observeDecideAct(pair, context);
        }
    }

    /**
     * A pair deleted while a migration may have changed a director keeps its finalizer until the migration is
     * aborted (before the Micro is fenced) or finished (after): the decision sees the deletion as an abort. Any
     * other operation acts through one director call at a time and is simply left.
     */
    @Override
    public DeleteControl cleanup(BinaryBoshPair pair, Context<BinaryBoshPair> context) {
        OperationStatus operation = operation(pair);
        if (operation == null || !operation.is(io.binarybosh.operator.model.OperationType.MIGRATION)) {
            metrics.forget(ResourceID.fromResource(pair));
            return DeleteControl.defaultDelete();
        }
        try (LogContext ignored = LogContext.of(pair, "cleanup")) {
            observeDecideAct(pair, context);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(Decider.followInterval());
    }

    private UpdateControl<BinaryBoshPair> observeDecideAct(BinaryBoshPair pair, Context<BinaryBoshPair> context) {
        Instant now = clock.instant();
        Optional<PairObservation> observation = context.getSecondaryResource(PairObservation.class,
                ObservationEventSource.NAME);
        observation.ifPresent(observed -> recordReachability(pair, observed));
        List<ConfigProblem> specProblems = validator.validate(pair.getSpec());
        boolean paused = "true".equals(annotation(pair, BinaryBoshPair.PAUSED_ANNOTATION));
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();

        // Observe (done by the event source), decide (pure), then act: one step per reconcile.
        StatusCalculator.Calculation calculation =
                calculator.calculate(pair, observation, specProblems, paused, now);
        Step decided = calculation.facts()
                .map(facts -> decider.decide(new DecisionInput(pair.getSpec(), calculation.status(), facts,
                        calculation.specValid(), paused, annotation(pair, BinaryBoshPair.APPROVE_ANNOTATION), now,
                        annotation(pair, BinaryBoshPair.ABORT_ANNOTATION), pair.isMarkedForDeletion())))
                .orElseGet(() -> new Step.Blocked(Reason.SPEC_INVALID,
                        "the spec or a Secret it references is invalid: see SpecValid"));
        Step step = leases.guard(decided, calculation.status().getOperation(), now);
        LogContext.step(stepName(step));
        BinaryBoshPairStatus next = calculator.decided(calculation.status(), decided, paused, generation,
                pair.getStatus() == null ? List.of() : pair.getStatus().getConditions(), now);

        EventRecorder events = this.events.recorder(context.getClient());
        StatusPublisher publisher = publisher(context, events, transition -> recordDetection(transition, calculation));
        try {
            // A failed reconcile's condition stays until this one has completed: no flapping while retries fail.
            BinaryBoshPair written = publisher.publish(pair, ReconcileErrorStatus.keptFrom(pair.getStatus(), next));
            metrics.state(ResourceID.fromResource(pair), stateOf(next));
            Duration recheck = step instanceof Step.Wait wait ? wait.recheckAfter()
                    : Timings.of(pair.getSpec()).pollInterval();
            if (calculation.facts().isPresent() && step.acts()) {
                LOG.info("acting: {}", step);
                BinaryBoshPair acting = leases.claimed(publisher, written);
                OperationStatus before = operation(acting);
                actor.act(step, acting, calculation.facts().get(), leases.leased(publisher), events);
                // An operation that just moved to its next step (a copy that ended) goes on at once; one that waits
                // on something, or that started or ended, is looked at again after the follow interval.
                OperationStatus after = publisher.latest().map(BinaryBoshPairReconciler::operation).orElse(null);
                boolean advanced = before != null && after != null && Objects.equals(before.getId(), after.getId())
                        && !Objects.equals(before.getStep(), after.getStep());
                recheck = advanced ? Duration.ZERO : Decider.followInterval();
            }
            BinaryBoshPair latest = publisher.latest().orElse(written);
            ReconcileErrorStatus.cleared(latest.getStatus(), context.getClient().getKubernetesSerialization())
                    .ifPresent(status -> publisher.publish(latest, status));
            return UpdateControl.<BinaryBoshPair>noUpdate().rescheduleAfter(recheck);
        } catch (StatusConflictException conflict) {
            // Nothing after the refused write ran: decide again from the pair as the other writer left it.
            LOG.info("{}; reading the pair again and deciding anew", conflict.getMessage());
            return UpdateControl.<BinaryBoshPair>noUpdate().rescheduleAfter(Duration.ZERO);
        }
    }

    /**
     * Shows an unexpected exception in status (condition Reconciled, reason ReconcileError); JOSDK retries the
     * reconcile as {@link GradualRetry} above says. The write is based on the pair read again from the API server,
     * never on a cached copy (while the operator stops, the cache falls back to the version the reconcile started
     * from, older than its own writes), and given up when another writer changed it meanwhile.
     */
    @Override
    public ErrorStatusUpdateControl<BinaryBoshPair> updateErrorStatus(BinaryBoshPair pair,
                                                                      Context<BinaryBoshPair> context, Exception e) {
        try (LogContext ignored = LogContext.of(pair, "error")) {
            BinaryBoshPair latest = context.getClient().resources(BinaryBoshPair.class)
                    .inNamespace(pair.getMetadata().getNamespace()).withName(pair.getMetadata().getName()).get();
            if (latest == null) {
                return ErrorStatusUpdateControl.noStatusUpdate();
            }
            publisher(context, events.recorder(context.getClient()), transition -> { })
                    .publish(latest, ReconcileErrorStatus.of(latest, e,
                            context.getClient().getKubernetesSerialization(), clock.instant()));
        } catch (StatusConflictException changed) {
            LOG.info("the reconcile's error is not shown in status: {}", changed.getMessage());
        } catch (KubernetesClientException refused) {
            LOG.warn("the reconcile's error is not shown in status: the API server answered {}", refused.getCode());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private static StatusPublisher publisher(Context<BinaryBoshPair> context, EventRecorder events,
                                             Consumer<ConditionTransition> announced) {
        return new StatusPublisher(new OptimisticStatusWriter(context.getClient(),
                OptimisticStatusWriter.RecentResources.of(context)), context.getClient().getKubernetesSerialization(),
                events, announced);
    }

    private static OperationStatus operation(BinaryBoshPair pair) {
        return pair.getStatus() == null ? null : pair.getStatus().getOperation();
    }

    /** As in log lines: StartRepair, ContinueOperation:FOLLOW_TASK, Wait:Steady. */
    private static String stepName(Step step) {
        String kind = step.getClass().getSimpleName();
        if (step instanceof Step.ContinueOperation next) {
            return kind + ":" + next.action();
        }
        if (step instanceof Step.Wait wait) {
            return kind + ":" + wait.reason();
        }
        if (step instanceof Step.Blocked blocked) {
            return kind + ":" + blocked.reason();
        }
        return kind;
    }

    private void recordReachability(BinaryBoshPair pair, PairObservation observation) {
        if (pair.isMarkedForDeletion()) {
            return;
        }
        Map<DirectorRole, Boolean> reachable = new EnumMap<>(DirectorRole.class);
        reachable.put(DirectorRole.PRIMARY, observation.primary().reachable());
        reachable.put(DirectorRole.META, observation.meta().reachable());
        if (observation.micro() != null) {
            reachable.put(DirectorRole.MICRO, observation.micro().reachable());
        }
        metrics.reachability(ResourceID.fromResource(pair), reachable);
    }

    private void recordDetection(ConditionTransition transition, StatusCalculator.Calculation calculation) {
        if (!"False".equals(transition.toStatus()) || calculation.facts().isEmpty()) {
            return;
        }
        for (DirectorRole role : List.of(DirectorRole.PRIMARY, DirectorRole.META)) {
            if (ConditionType.healthy(role).is(transition.type())) {
                calculation.facts().get().of(role).downFor().ifPresent(down -> metrics.detected(role, down));
            }
        }
    }

    private static PairMetrics.PairState stateOf(BinaryBoshPairStatus status) {
        var blocked = Conditions.find(status.getConditions(), ConditionType.BLOCKED)
                .filter(c -> "True".equals(c.getStatus()));
        var operation = status.getOperation();
        return new PairMetrics.PairState(
                Conditions.find(status.getConditions(), ConditionType.READY).filter(c -> "True".equals(c.getStatus()))
                        .isPresent(),
                blocked.map(c -> c.getReason() == null ? "" : c.getReason()).orElse(""),
                Conditions.find(status.getConditions(), ConditionType.SPLIT_BRAIN)
                        .filter(c -> "True".equals(c.getStatus())).isPresent(),
                status.getAwaitedApproval() != null,
                operation == null || operation.getType() == null ? "" : operation.getType(),
                operation == null || operation.getStep() == null ? "" : operation.getStep());
    }

    private static String annotation(BinaryBoshPair pair, String key) {
        return pair.getMetadata().getAnnotations() == null ? null : pair.getMetadata().getAnnotations().get(key);
    }
}
