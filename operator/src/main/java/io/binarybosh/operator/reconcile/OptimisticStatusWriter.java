package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.status.SerializedStatus;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.StatusConflictException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.Objects;

/**
 * Writes a pair's whole status under optimistic concurrency: the write carries the resource version it was based
 * on, and the API server refuses it when another writer (a person, a second replica) changed the pair since. A
 * refused write is never repeated with the stale status (as JOSDK's {@code updateStatusAndCacheResource} does): it
 * fails with {@link StatusConflictException}. What was written goes into JOSDK's cache at once, so that the next
 * reconcile never reads a version older than its own write.
 */
final class OptimisticStatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(OptimisticStatusWriter.class);

    /** Holds a version newer than the informer's until the informer catches up (JOSDK's temporary cache). */
    @FunctionalInterface
    interface RecentResources {

        /** Takes {@code newer} only while the cache still holds {@code replaced}'s version: never goes back. */
        void put(BinaryBoshPair newer, BinaryBoshPair replaced);

        static RecentResources of(Context<BinaryBoshPair> context) {
            return (newer, replaced) -> context.eventSourceRetriever().getControllerEventSource()
                    .handleRecentResourceUpdate(ResourceID.fromResource(newer), newer, replaced);
        }
    }

    private final KubernetesClient client;
    private final RecentResources cache;
    /** The pair as read again after the last refused write, if that read succeeded. */
    private BinaryBoshPair refreshed;

    OptimisticStatusWriter(KubernetesClient client, RecentResources cache) {
        this.client = client;
        this.cache = cache;
    }

    /**
     * @return the pair as the API server stored it, or {@code basedOn} itself when {@code status} serializes as its
     * status does (then nothing is sent)
     * @throws StatusConflictException when the pair changed since {@code basedOn} was read: nothing was written
     */
    BinaryBoshPair write(BinaryBoshPair basedOn, BinaryBoshPairStatus status) {
        if (SerializedStatus.same(client.getKubernetesSerialization(), status, basedOn.getStatus())) {
            return basedOn;
        }
        String version = Objects.requireNonNull(basedOn.getMetadata().getResourceVersion(),
                "a status write needs the resource version it is based on");
        if (LOG.isDebugEnabled()) {
            LOG.debug("writing status on resource version {}: changed {}", version, SerializedStatus.differences(
                    client.getKubernetesSerialization(), basedOn.getStatus(), status));
        }
        BinaryBoshPair desired = client.getKubernetesSerialization().clone(basedOn);
        desired.setStatus(status);
        BinaryBoshPair written;
        try {
            written = client.resource(desired).lockResourceVersion(version).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            refresh(basedOn);
            throw new StatusConflictException(basedOn.getMetadata().getNamespace(), basedOn.getMetadata().getName(),
                    version, e);
        }
        cache.put(written, basedOn);
        return written;
    }

    /** The pair as the API server held it just after the last refused write; empty when it could not be read. */
    java.util.Optional<BinaryBoshPair> afterConflict() {
        return java.util.Optional.ofNullable(refreshed);
    }

    /**
     * Puts the pair as the API server holds it now into the cache, so that the reconcile that follows the refusal
     * decides from it rather than from the refused version (the informer would bring it too, a little later).
     */
    private void refresh(BinaryBoshPair stale) {
        refreshed = null;
        try {
            BinaryBoshPair current = client.resources(BinaryBoshPair.class)
                    .inNamespace(stale.getMetadata().getNamespace()).withName(stale.getMetadata().getName()).get();
            if (current != null) {
                cache.put(current, stale);
                refreshed = current;
            }
        } catch (KubernetesClientException e) {
            LOG.debug("reading the pair again after a conflict failed ({}): the informer brings it", e.getCode());
        }
    }
}
