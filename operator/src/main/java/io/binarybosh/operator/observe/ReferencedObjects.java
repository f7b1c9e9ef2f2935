package io.binarybosh.operator.watch;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Secrets (or ConfigMaps) that pairs reference, and only those: one watch per referenced object, started when
 * the first pair references it and stopped when the last one no longer does, as the kubelet watches the Secrets
 * and ConfigMaps its pods mount (kubernetes pkg/kubelet/util/manager/watch_based_manager.go). An informer over
 * the whole type would cache every object of the watched namespaces, Helm release Secrets included. A change to a
 * watched object wakes each pair that references it.
 */
public final class ReferencedObjects<T extends HasMetadata> extends AbstractEventSource<T, BinaryBoshPair>
        implements ResourceEventAware<BinaryBoshPair> {

    private static final Logger LOG = LoggerFactory.getLogger(ReferencedObjects.class);
    /** How long a lookup waits for a new watch's first list; the API server answers in milliseconds. */
    static final Duration FIRST_LIST_WAIT = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final Function<BinaryBoshPair, Set<String>> namesOf;
    private final Function<ObjectKey, Set<ResourceID>> pairsReferencing;
    private final Map<ObjectKey, ObjectWatch<T>> watches = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param namesOf          the names a pair references, in its own namespace
     * @param pairsReferencing the pairs whose spec references an object now (the primary cache's index)
     */
    public ReferencedObjects(String name, Class<T> type, KubernetesClient client,
                             Function<BinaryBoshPair, Set<String>> namesOf,
                             Function<ObjectKey, Set<ResourceID>> pairsReferencing) {
        super(type, name);
        this.client = client;
        this.namesOf = namesOf;
        this.pairsReferencing = pairsReferencing;
    }

    /**
     * The object, from its watch's cache. An object no pair references now (a lookup with a spec that has just
     * changed) is listed once by name and not watched.
     *
     * @throws IllegalStateException when the API server did not answer a new watch's first list in time
     */
    public Optional<T> find(String namespace, String name) {
        ObjectKey key = new ObjectKey(namespace, name);
        ObjectWatch<T> watch = watches.get(key);
        if (watch == null || watch.failed()) {
            if (pairsReferencing.apply(key).isEmpty()) {
                return client.resources(resourceType()).inNamespace(namespace).withField("metadata.name", name)
                        .list().getItems().stream().findFirst();
            }
            watch = ensure(key);
        }
        return watch.current(FIRST_LIST_WAIT);
    }

    /** The objects watched now: those some pair references. */
    public Set<ObjectKey> watched() {
        return Set.copyOf(watches.keySet());
    }

    @Override
    public void onResourceCreated(BinaryBoshPair pair) {
        keysOf(pair).forEach(this::ensure);
    }

    @Override
    public void onResourceUpdated(BinaryBoshPair pair, BinaryBoshPair old) {
        Set<ObjectKey> now = keysOf(pair);
        now.forEach(this::ensure);
        if (old != null) {
            Set<ObjectKey> dropped = new HashSet<>(keysOf(old));
            dropped.removeAll(now);
            dropped.forEach(this::releaseIfUnreferenced);
        }
    }

    @Override
    public void onResourceDeleted(BinaryBoshPair pair) {
        keysOf(pair).forEach(this::releaseIfUnreferenced);
    }

    @Override
    public Set<T> getSecondaryResources(BinaryBoshPair pair) {
        return keysOf(pair).stream().map(watches::get).filter(w -> w != null)
                .flatMap(w -> w.cached().stream()).collect(Collectors.toSet());
    }

    @Override
    public Status getStatus() {
        return watches.values().stream().allMatch(ObjectWatch::healthy) ? Status.HEALTHY : Status.UNHEALTHY;
    }

    @Override
    public void stop() {
        stopped = true;
        watches.values().forEach(ObjectWatch::stop);
        watches.clear();
        super.stop();
    }

    private Set<ObjectKey> keysOf(BinaryBoshPair pair) {
        String namespace = pair.getMetadata().getNamespace();
        return namesOf.apply(pair).stream().map(name -> new ObjectKey(namespace, name)).collect(Collectors.toSet());
    }

    private ObjectWatch<T> ensure(ObjectKey key) {
        if (stopped) {
            throw new IllegalStateException("stopped: " + key + " is no longer watched");
        }
        return watches.compute(key, (k, existing) -> {
            if (existing != null && !existing.failed()) {
                return existing;
            }
            if (existing != null) {
                existing.stop();
            }
            LOG.debug("watching {} {}", resourceType().getSimpleName(), k);
            return new ObjectWatch<>(client, resourceType(), k, new Wake(k));
        });
    }

    private void releaseIfUnreferenced(ObjectKey key) {
        watches.computeIfPresent(key, (k, watch) -> {
            if (!pairsReferencing.apply(k).isEmpty()) {
                return watch;
            }
            LOG.debug("no longer watching {} {}", resourceType().getSimpleName(), k);
            watch.stop();
            return null;
        });
    }

    /** Wakes the pairs that reference the object, whatever happened to it. */
    private final class Wake implements ResourceEventHandler<T> {

        private final ObjectKey key;

        Wake(ObjectKey key) {
            this.key = key;
        }

        @Override
        public void onAdd(T object) {
            wake();
        }

        @Override
        public void onUpdate(T old, T object) {
            wake();
        }

        @Override
        public void onDelete(T object, boolean deletedFinalStateUnknown) {
            wake();
        }

        private void wake() {
            if (!isRunning()) {
                return;
            }
            pairsReferencing.apply(key).forEach(pair -> getEventHandler().handleEvent(new Event(pair)));
        }
    }
}
