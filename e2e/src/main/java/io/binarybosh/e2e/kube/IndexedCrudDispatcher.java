package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * fabric8's CRUD mock, with reads of one named object (a GET of a Secret or of a pair, and the look for the stored
 * object that each write makes) found through the key it was last found under rather than by comparing the request
 * with every object held. At 1,000 pairs (3,000 objects) those comparisons were most of the benchmark's CPU during
 * the operator's start-up, on the machine's two cores that the operator shares; a real API server reads an object by
 * its key. What is answered is unchanged: a remembered key counts only while the store holds it and it still matches
 * the request, else every object is compared as before. Lists, watches and misses are fabric8's own.
 *
 * <p>The mock guards its store with a lock of its own that a subclass cannot reach; this one's lock is taken around
 * it (writes exclusive, reads shared), so that no read sees a write half done (an object removed under its old key,
 * not yet put under its new one).
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final String NAME = "name";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** By the attributes a request's path names an object with, the key it was last found under. */
    private final Map<AttributeSet, AttributeSet> lastFoundUnder = new ConcurrentHashMap<>();

    @Override
    public MockResponse handleGet(String path) {
        return under(lock.readLock(), () -> {
            AttributeSet query = getAttributeExtractor().fromPath(path);
            if (isWatch(path) || !query.containsKey(NAME)) {
                return super.handleGet(path);
            }
            Map.Entry<AttributeSet, String> found = findResource(query);
            // as fabric8's own read of one object answers: the stored JSON, or 404 without a body
            return found == null ? new MockResponse().setResponseCode(404)
                    : new MockResponse().setBody(found.getValue()).setResponseCode(200);
        });
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        return under(lock.readLock(), () -> {
            if (query.containsKey(NAME)) {
                AttributeSet key = lastFoundUnder.get(query);
                if (key != null) {
                    String stored = map.get(key);
                    if (stored != null && key.matches(query)) {
                        return Map.entry(key, stored);
                    }
                }
            }
            Map.Entry<AttributeSet, String> found = super.findResource(query);
            if (found != null && query.containsKey(NAME)) {
                lastFoundUnder.put(query, found.getKey());
            }
            return found;
        });
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return under(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleCreate(String path, String body) {
        return under(lock.writeLock(), () -> super.handleCreate(path, body));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return under(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handleUpdate(String path, String body) {
        return under(lock.writeLock(), () -> super.handleUpdate(path, body));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return under(lock.writeLock(), () -> super.handlePatch(request));
    }

    @Override
    public MockResponse handlePatch(String path, String body) {
        return under(lock.writeLock(), () -> super.handlePatch(path, body));
    }

    @Override
    public MockResponse handleDelete(String path) {
        return under(lock.writeLock(), () -> super.handleDelete(path));
    }

    @Override
    public void reset() {
        under(lock.writeLock(), () -> {
            super.reset();
            lastFoundUnder.clear();
            return null;
        });
    }

    /** As fabric8 tells a watch from a read: {@code watch=true} in the query. */
    private static boolean isWatch(String path) {
        int query = path.indexOf('?');
        return query >= 0 && path.substring(query + 1).contains("watch=true");
    }

    private static <T> T under(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }
}
