package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.observe.ConfigProblem;
import io.binarybosh.operator.observe.DirectorClientCache;
import io.binarybosh.operator.observe.EndpointResolver;
import io.binarybosh.operator.observe.ObservationEventSource;
import io.binarybosh.operator.observe.PairObservation;
import io.binarybosh.operator.observe.PairObserver;
import io.binarybosh.operator.observe.SecretLookup;
import io.binarybosh.operator.validate.SpecValidator;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Thin controller: takes the latest observation of a pair's directors, computes the status it implies, writes
 * it only when it changed, and announces each condition transition as an event.
 */
@ControllerConfiguration(name = BinaryBoshPairReconciler.NAME)
public class BinaryBoshPairReconciler implements Reconciler<BinaryBoshPair>, AutoCloseable {

    public static final String NAME = "binaryboshpair";
    static final String SECRET_INDEX = "binarybosh.io/referenced-secrets";
    private static final Logger LOG = LoggerFactory.getLogger(BinaryBoshPairReconciler.class);

    private final DirectorClientCache clients;
    private final DirectorTimeouts timeouts;
    private final ScheduledExecutorService pollingExecutor;
    private final SpecValidator validator = new SpecValidator();
    private final StatusCalculator calculator = new StatusCalculator();
    private final Clock clock;
    private volatile InformerEventSource<Secret, BinaryBoshPair> secrets;

    /**
     * @param pollingExecutor runs the director polls; its size bounds how many directors are contacted at once
     */
    public BinaryBoshPairReconciler(DirectorClientFactory clientFactory, DirectorTimeouts timeouts,
                                    ScheduledExecutorService pollingExecutor, Clock clock) {
        this.clients = new DirectorClientCache(clientFactory);
        this.timeouts = timeouts;
        this.pollingExecutor = pollingExecutor;
        this.clock = clock;
    }

    /** Secrets from the informer cache: no API call per poll. */
    private SecretLookup secretLookup() {
        return (namespace, name) -> secrets == null ? Optional.empty()
                : secrets.get(new ResourceID(name, namespace));
    }

    /** Closes every director client. */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public List<EventSource<?, BinaryBoshPair>> prepareEventSources(EventSourceContext<BinaryBoshPair> context) {
        context.getPrimaryCache().addIndexer(SECRET_INDEX, pair -> SecretReferences.of(pair.getSpec()).stream()
                .map(name -> indexKey(pair.getMetadata().getNamespace(), name))
                .toList());
        InformerEventSourceConfiguration<Secret> secretConfiguration =
                InformerEventSourceConfiguration.from(Secret.class, BinaryBoshPair.class)
                        .withName("referenced-secrets")
                        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
                                .byIndex(SECRET_INDEX, indexKey(secret.getMetadata().getNamespace(),
                                        secret.getMetadata().getName()))
                                .stream()
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                        .build();
        secrets = new InformerEventSource<>(secretConfiguration, context);
        ObservationEventSource observations =
                new ObservationEventSource(context,
                        new PairObserver(new EndpointResolver(secretLookup(), timeouts), clients, clock),
                        pollingExecutor);
        return List.of(secrets, observations);
    }

    @Override
    public UpdateControl<BinaryBoshPair> reconcile(BinaryBoshPair pair, Context<BinaryBoshPair> context) {
        Optional<PairObservation> observation = context.getSecondaryResource(PairObservation.class,
                ObservationEventSource.NAME);
        List<ConfigProblem> specProblems = validator.validate(pair.getSpec());
        BinaryBoshPairStatus previous = pair.getStatus() == null ? new BinaryBoshPairStatus() : pair.getStatus();
        BinaryBoshPairStatus next = calculator.calculate(pair, observation, specProblems, clock.instant());
        if (next.equals(pair.getStatus())) {
            return UpdateControl.noUpdate();
        }
        List<ConditionTransition> transitions =
                ConditionTransition.between(previous.getConditions(), next.getConditions());
        BinaryBoshPair written = PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(pair, context, p -> {
            p.setStatus(next);
            return p;
        });
        EventRecorder events = new EventRecorder(context.getClient(), clock);
        for (ConditionTransition transition : transitions) {
            LOG.info("pair={}/{} condition {} {} -> {} ({}): {}", pair.getMetadata().getNamespace(),
                    pair.getMetadata().getName(), transition.type(), transition.fromStatus(), transition.toStatus(),
                    transition.reason(), transition.message());
            String message = transition.type() + " is " + transition.toStatus() + ": " + transition.message();
            if (transition.isWarning()) {
                events.warning(written, transition.reason(), message);
            } else {
                events.normal(written, transition.reason(), message);
            }
        }
        return UpdateControl.noUpdate();
    }

    private static String indexKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
