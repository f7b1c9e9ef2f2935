package io.binarybosh.operator.observe;

import io.binarybosh.operator.logging.LogContext;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Polls each pair's directors on the pair's own {@code spec.health.pollIntervalSeconds}, at the pair's slots in
 * that interval, and hands the
 * {@link PairObservation} to the reconciler. Closes a pair's director clients when the pair is deleted.
 */
public final class ObservationEventSource extends PerResourcePollingEventSource<PairObservation, BinaryBoshPair, String> {

    public static final String NAME = "director-observations";

    private final PairObserver observer;
    private final Consumer<ResourceID> onDeleted;
    private final IndexerResourceCache<BinaryBoshPair> pairs;

    public ObservationEventSource(EventSourceContext<BinaryBoshPair> context, PairObserver observer,
                                  ScheduledExecutorService executor) {
        this(context, observer, executor, pair -> { });
    }

    /** @param onDeleted also told of a deleted pair, after its clients are closed */
    public ObservationEventSource(EventSourceContext<BinaryBoshPair> context, PairObserver observer,
                                  ScheduledExecutorService executor, Consumer<ResourceID> onDeleted) {
        super(PairObservation.class, context,
                new PerResourcePollingConfigurationBuilder<PairObservation, BinaryBoshPair, String>(
                        new Fetcher(observer), Duration.ofSeconds(HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS))
                        .withName(NAME)
                        .withExecutorService(executor)
                        .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
                        .build());
        this.observer = observer;
        this.onDeleted = onDeleted;
        this.pairs = context.getPrimaryCache();
    }

    /**
     * Starts, then schedules the polls of every pair already known. JOSDK starts the pairs' informer before this
     * source and tells it of every pair found; a poll scheduled then and due before this source runs would be
     * dropped by JOSDK without a next one, while its finished schedule keeps the pair from being scheduled again:
     * the pair would never be polled (seen in tests: a pair's first slot fell within the operator's start).
     */
    @Override
    public synchronized void start() {
        super.start();
        pairs.list(pair -> true).forEach(super::onResourceCreated);
    }

    /** Schedules the pair's polls once this source runs ({@link #start} schedules those it was told of before). */
    @Override
    public synchronized void onResourceCreated(BinaryBoshPair pair) {
        if (isRunning()) {
            super.onResourceCreated(pair);
        }
    }

    @Override
    public synchronized void onResourceUpdated(BinaryBoshPair newPair, BinaryBoshPair oldPair) {
        if (isRunning()) {
            super.onResourceUpdated(newPair, oldPair);
        }
    }

    @Override
    public void onResourceDeleted(BinaryBoshPair pair) {
        super.onResourceDeleted(pair);
        observer.forget(ResourceID.fromResource(pair));
        onDeleted.accept(ResourceID.fromResource(pair));
    }

    /**
     * Observes a pair once at a time. JOSDK's reconcile reads a pair it has no observation of yet itself, beside the
     * scheduled poll; the later of the two callers gets the earlier one's observation instead of asking the same
     * directors again (two reads at once could each start an agent check, or take the other's queued check for a
     * stale one).
     */
    private static final class Fetcher implements ResourceFetcher<PairObservation, BinaryBoshPair> {
        private final PairObserver observer;
        private final Map<ResourceID, CompletableFuture<PairObservation>> inFlight = new ConcurrentHashMap<>();

        Fetcher(PairObserver observer) {
            this.observer = observer;
        }

        @Override
        public Set<PairObservation> fetchResources(BinaryBoshPair pair) {
            ResourceID id = ResourceID.fromResource(pair);
            CompletableFuture<PairObservation> mine = new CompletableFuture<>();
            CompletableFuture<PairObservation> running = inFlight.putIfAbsent(id, mine);
            if (running != null) {
                return Set.of(running.join());
            }
            try (LogContext ignored = LogContext.of(pair, "observe")) {
                PairObservation observation = observer.observe(pair);
                mine.complete(observation);
                return Set.of(observation);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(id, mine);
            }
        }

        /** Until the pair's next slot ({@link PairPhase}): pairs started together poll spread over the interval. */
        @Override
        public Optional<Duration> fetchDelay(Set<PairObservation> lastFetched, BinaryBoshPair pair) {
            return Optional.of(delayToSlot(pair, Instant.now()));
        }
    }

    static Duration delayToSlot(BinaryBoshPair pair, Instant now) {
        Duration interval = pollInterval(pair);
        Instant slot = PairPhase.of(ResourceID.fromResource(pair), "poll").nextAfter(now, interval);
        return Duration.between(now, slot);
    }

    static Duration pollInterval(BinaryBoshPair pair) {
        Integer seconds = pair.getSpec() == null || pair.getSpec().getHealth() == null
                ? null : pair.getSpec().getHealth().getPollIntervalSeconds();
        return Duration.ofSeconds(seconds == null || seconds < 1 ? HealthSpec.DEFAULT_POLL_INTERVAL_SECONDS : seconds);
    }
}
