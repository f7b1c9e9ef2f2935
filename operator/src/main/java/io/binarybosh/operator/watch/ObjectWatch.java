package io.binarybosh.operator.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One object watched by its name: an informer whose list and watch ask for {@code fieldSelector=metadata.name=...}
 * in one namespace, so that its cache holds that object or nothing.
 */
final class ObjectWatch<T extends HasMetadata> {

    private final ObjectKey key;
    private final SharedIndexInformer<T> informer;
    private final CompletableFuture<Void> synced;

    ObjectWatch(KubernetesClient client, Class<T> type, ObjectKey key, ResourceEventHandler<T> handler) {
        this.key = key;
        informer = client.resources(type).inNamespace(key.namespace()).withName(key.name()).runnableInformer(0);
        informer.addEventHandler(handler);
        synced = informer.start().toCompletableFuture();
    }

    /**
     * The object as last seen, once the first list answered.
     *
     * @throws IllegalStateException when the first list did not answer within {@code wait} or failed: "not found"
     *                               would be a false claim
     */
    Optional<T> current(Duration wait) {
        try {
            synced.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read " + key + " from the API server within " + wait, e);
        }
        return informer.getStore().list().stream().findFirst();
    }

    /** The object as last seen, without waiting: empty before the first list answered. */
    Optional<T> cached() {
        return informer.getStore().list().stream().findFirst();
    }

    /** The first list failed: the informer gave up and a new watch must take its place. */
    boolean failed() {
        return synced.isCompletedExceptionally();
    }

    /** Listed and watching, or still starting. */
    boolean healthy() {
        return !synced.isDone() || (!failed() && informer.isWatching());
    }

    void stop() {
        informer.stop();
    }
}
