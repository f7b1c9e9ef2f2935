package io.binarybosh.e2e.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * fabric8's CRUD mock, with reads of one named object (a GET of a Secret or of a pair, and the look for the stored
 * object that each write makes, a create's look for one of the same name included) found through an index of the
 * stored keys by name rather than by comparing the request with every object held. At 1,000 pairs (3,000 objects and
 * the start-up's 10,000 Events) those comparisons were most of the benchmark's CPU during the operator's start-up, on
 * the machine's two cores that the operator shares, and the mock's one thread queued every request of the operator
 * behind them; a real API server reads an object by its key. The index is complete: the mock makes every change of
 * its store through {@link #processEvent}, which keeps it. What is answered is unchanged: a key from the index counts
 * only while the store holds it and it matches the request. Lists, watches and selectors are fabric8's own.
 *
 * <p>The mock guards its store with a lock of its own that a subclass cannot reach; this one's lock is taken around
 * it (writes exclusive, reads shared), so that no read sees a write half done (an object removed under its old key,
 * not yet put under its new one) and the index changes only under the write lock.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

    private static final String NAME = KubernetesAttributesExtractor.NAME;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Every key of the store by the name attribute it holds; changed only under the write lock. */
    private final Map<Attribute, Set<AttributeSet>> keysByName = new HashMap<>();
    /** False once a change put a key the index could not tell: named reads then compare every object, as fabric8's. */
    private boolean indexComplete = true;

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
            Attribute name = query.getAttribute(NAME);
            if (!indexComplete || name == null || name.getType() != AttributeType.WITH) {
                return super.findResource(query);
            }
            for (AttributeSet key : keysByName.getOrDefault(name, Set.of())) {
                String stored = map.get(key);
                if (stored != null && key.matches(query)) {
                    return Map.entry(key, stored);
                }
            }
            return null;
        });
    }

    /**
     * fabric8's change of the store (a create, update, patch or delete: the old key removed, the new object put under
     * the key its attributes make), and the index changed to match. The new key is worked out as the mock does; if the
     * store does not hold the new object under it, the index is given up rather than trusted.
     */
    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        under(lock.writeLock(), () -> {
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (oldAttributes != null && !map.containsKey(oldAttributes)) {
                unindex(oldAttributes);
            }
            if (newState != null) {
                AttributeSet newKey = keyOf(pathAttributes, resource, newState);
                if (newState.equals(map.get(newKey)) && newKey.getAttribute(NAME) != null) {
                    keysByName.computeIfAbsent(newKey.getAttribute(NAME), n -> new HashSet<>()).add(newKey);
                } else {
                    indexComplete = false;
                }
            }
            return null;
        });
    }

    /** Whether named reads still go through the index (tests). */
    boolean indexed() {
        return under(lock.readLock(), () -> indexComplete);
    }

    private AttributeSet keyOf(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
        KubernetesAttributesExtractor attributes = (KubernetesAttributesExtractor) getAttributeExtractor();
        AttributeSet key = resource != null ? attributes.extract(resource) : attributes.fromResource(newState);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    private void unindex(AttributeSet key) {
        Attribute name = key.getAttribute(NAME);
        Set<AttributeSet> keys = name == null ? null : keysByName.get(name);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                keysByName.remove(name);
            }
        }
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
            keysByName.clear();
            indexComplete = true;
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
