package io.binarybosh.operator.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Secrets (or ConfigMaps) that pairs reference, read by name ({@code GET}) and kept for {@link #MAX_AGE}, as
 * the kubelet's cache-based Secret manager does (kubernetes {@code pkg/kubelet/util/manager/cache_based_manager.go}).
 * An object that is missing is not kept: it is asked for again at the next lookup, so that one created later is
 * used at the next poll; one marked {@link #stale} (a director refused what it holds) likewise. A watch per
 * referenced object, which this replaced, cost an open connection and its buffers per Secret: two per pair, about
 * 150 MB of heap at a thousand pairs. Objects no lookup asked for in {@link #FORGET_AFTER} are dropped.
 */
public final class ReferencedObjects<T extends HasMetadata> {

    /** How long a read object is used before it is read again: a changed Secret is used within a minute. */
    public static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final long SWEEP_EVERY_LOOKUPS = 1_000;

    private record Read<T>(T object, Instant readAt, Instant usedAt) {
    }

    private final KubernetesClient client;
    private final Class<T> type;
    private final Clock clock;
    private final Map<ObjectKey, Read<T>> reads = new ConcurrentHashMap<>();
    private final AtomicLong lookups = new AtomicLong();

    public ReferencedObjects(Class<T> type, KubernetesClient client, Clock clock) {
        this.client = client;
        this.type = type;
        this.clock = clock;
    }

    /**
     * The object, read again when the last read is older than {@link #MAX_AGE} or marked stale.
     *
     * @throws io.fabric8.kubernetes.client.KubernetesClientException when the API server does not answer: "not
     *                                                                 found" would be a false claim
     */
    public Optional<T> find(String namespace, String name) {
        ObjectKey key = new ObjectKey(namespace, name);
        Instant now = clock.instant();
        if (lookups.incrementAndGet() % SWEEP_EVERY_LOOKUPS == 0) {
            reads.values().removeIf(read -> read.usedAt().plus(FORGET_AFTER).isBefore(now));
        }
        Read<T> last = reads.get(key);
        if (last != null && last.readAt().plus(MAX_AGE).isAfter(now)) {
            reads.put(key, new Read<>(last.object(), last.readAt(), now));
            return Optional.of(last.object());
        }
        T object = client.resources(type).inNamespace(namespace).withName(name).get();
        if (object == null) {
            reads.remove(key);
            return Optional.empty();
        }
        reads.put(key, new Read<>(object, now, now));
        return Optional.of(object);
    }

    /** The next lookup reads the object again: what it held was refused, and it may have been mended since. */
    public void stale(String namespace, String name) {
        reads.remove(new ObjectKey(namespace, name));
    }

    /** The objects kept now. */
    public Set<ObjectKey> kept() {
        return Set.copyOf(reads.keySet());
    }
}
