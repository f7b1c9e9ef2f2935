package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.HealthSpec;
import io.binarybosh.operator.director.DirectorInfo;
import io.binarybosh.operator.support.FakeDirectorClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pair's polls start whatever the order in which JOSDK starts things: it starts the pairs' informer first and
 * tells this source of every pair before starting it, so a pair's first slot may fall before the source runs.
 */
class ObservationEventSourceTest {

    private final List<String> primaryCalls = Collections.synchronizedList(new ArrayList<>());
    private final FakeDirectorClient primary = new FakeDirectorClient("primary-bosh", primaryCalls);
    private final FakeDirectorClient meta = new FakeDirectorClient("meta-bosh",
            Collections.synchronizedList(new ArrayList<>()));
    private final List<Throwable> pollFailures = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService polling = new ScheduledThreadPoolExecutor(1) {
        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            try {
                ((Future<?>) task).get();
            } catch (ExecutionException failed) {
                pollFailures.add(failed.getCause());
            } catch (InterruptedException | CancellationException | ClassCastException ignored) {
                // not a poll's failure
            }
        }
    };
    private final ExecutorService ask = Executors.newSingleThreadExecutor();
    private ObservationEventSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.stop();
        }
        polling.shutdownNow();
        ask.shutdownNow();
    }

    @Test
    void aPairFoundBeforeTheSourceStartedIsPolledOnceItRuns() {
        BinaryBoshPair pair = pair();
        source = source(pair);

        // What JOSDK does at start: the informer's pairs are announced before this source is started.
        source.onResourceCreated(pair);
        // past the pair's first slot (poll interval 1 s): nothing is asked while the source does not run
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> polls() == 0);

        source.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !pollFailures.isEmpty() || polls() >= 2);
        assertThat(pollFailures).isEmpty();
    }

    @Test
    void aPairAnnouncedOnceTheSourceRunsIsPolledRepeatedly() {
        BinaryBoshPair pair = pair();
        source = source(pair);
        source.start();

        source.onResourceUpdated(pair, pair);

        await().atMost(Duration.ofSeconds(30)).until(() -> !pollFailures.isEmpty() || polls() >= 2);
        assertThat(pollFailures).isEmpty();
    }

    /** JOSDK's reconcile reads a pair without an observation itself; one beside the poll waits for the poll's. */
    @Test
    void aReadBesideOneInProgressAsksNothingItself() throws Exception {
        CountDownLatch inInfo = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeDirectorClient slowPrimary = new FakeDirectorClient("primary-bosh", primaryCalls) {
            @Override
            public DirectorInfo authenticatedInfo() {
                DirectorInfo info = super.authenticatedInfo();
                inInfo.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return info;
            }
        };
        BinaryBoshPair pair = pair();
        source = new ObservationEventSource(new EventSourceContext<>(new OnePairCache(pair), null, null,
                BinaryBoshPair.class), ObservedPairs.observer(slowPrimary, meta, Clock.systemUTC(), ask), polling);
        source.setEventHandler(event -> { });
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<Set<PairObservation>> first = readers.submit(() -> source.getSecondaryResources(pair));
            assertThat(inInfo.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Set<PairObservation>> second = readers.submit(() -> source.getSecondaryResources(pair));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
            release.countDown();

            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(first.get(30, TimeUnit.SECONDS));
            assertThat(primaryCalls).as("Primary's /info asked once")
                    .filteredOn(call -> call.contains(" GET /info")).hasSize(1);
        } finally {
            release.countDown();
            readers.shutdownNow();
        }
    }

    private long polls() {
        synchronized (primaryCalls) {
            return primaryCalls.stream().filter(call -> call.contains(" GET /info")).count();
        }
    }

    private ObservationEventSource source(BinaryBoshPair pair) {
        PairObserver observer = ObservedPairs.observer(primary, meta, Clock.systemUTC(), ask);
        ObservationEventSource created = new ObservationEventSource(
                new EventSourceContext<>(new OnePairCache(pair), null, null, BinaryBoshPair.class), observer, polling);
        created.setEventHandler(event -> { });
        return created;
    }

    private static BinaryBoshPair pair() {
        BinaryBoshPair pair = ObservedPairs.pair();
        HealthSpec health = new HealthSpec();
        health.setPollIntervalSeconds(1);
        pair.getSpec().setHealth(health);
        return pair;
    }

    /** The informer's cache holding one pair. */
    private record OnePairCache(BinaryBoshPair pair) implements IndexerResourceCache<BinaryBoshPair> {

        @Override
        public Optional<BinaryBoshPair> get(ResourceID id) {
            return ResourceID.fromResource(pair).equals(id) ? Optional.of(pair) : Optional.empty();
        }

        @Override
        public Stream<ResourceID> keys() {
            return Stream.of(ResourceID.fromResource(pair));
        }

        @Override
        public Stream<BinaryBoshPair> list(Predicate<BinaryBoshPair> predicate) {
            return Stream.of(pair).filter(predicate);
        }

        @Override
        public Stream<BinaryBoshPair> list(String namespace, Predicate<BinaryBoshPair> predicate) {
            return list(predicate).filter(p -> namespace.equals(p.getMetadata().getNamespace()));
        }

        @Override
        public List<BinaryBoshPair> byIndex(String indexName, String indexKey) {
            return List.of();
        }

        @Override
        public void addIndexers(Map<String, Function<BinaryBoshPair, List<String>>> indexers) {
        }
    }
}
