package io.binarybosh.operator.observe;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.director.DirectorClient;
import io.binarybosh.operator.director.DirectorClientFactory;
import io.binarybosh.operator.director.DirectorEndpoint;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client per pair and role, kept across polls so that connections and UAA tokens are reused; replaced when
 * the endpoint changes (a new URL, CA or rotated credentials).
 */
public final class DirectorClientCache implements AutoCloseable {

    private record Key(ResourceID pair, DirectorRole role) {
    }

    private record Entry(DirectorEndpoint endpoint, DirectorClient client) {
    }

    private final DirectorClientFactory factory;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public DirectorClientCache(DirectorClientFactory factory) {
        this.factory = factory;
    }

    public DirectorClient clientFor(ResourceID pair, DirectorRole role, DirectorEndpoint endpoint) {
        Entry entry = entries.compute(new Key(pair, role), (key, existing) -> {
            if (existing != null && existing.endpoint().equals(endpoint)) {
                return existing;
            }
            if (existing != null) {
                existing.client().close();
            }
            return new Entry(endpoint, factory.create(endpoint));
        });
        return entry.client();
    }

    /** Forgets one director of a pair, e.g. when it is no longer declared. */
    public void evict(ResourceID pair, DirectorRole role) {
        Entry removed = entries.remove(new Key(pair, role));
        if (removed != null) {
            removed.client().close();
        }
    }

    public void evictPair(ResourceID pair) {
        for (DirectorRole role : DirectorRole.values()) {
            evict(pair, role);
        }
    }

    @Override
    public void close() {
        entries.keySet().forEach(key -> evict(key.pair(), key.role()));
    }
}
