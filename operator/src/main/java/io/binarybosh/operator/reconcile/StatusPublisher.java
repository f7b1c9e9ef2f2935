package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.events.EventRecorder;
import io.binarybosh.operator.status.ConditionTransition;
import io.binarybosh.operator.operation.StatusWriter;
import io.binarybosh.operator.logging.LogContext;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.StatusConflictException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One reconcile's status writes: each based on the version it changes (a concurrent change fails it with
 * {@link io.binarybosh.operator.model.StatusConflictException}), each condition transition announced once as an
 * event, but for first values that are no news ({@link ConditionTransition#isNoise}).
 */
final class StatusPublisher implements StatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    /** How often one change is written again on a newer version before the reconcile gives up and decides anew. */
    private static final int REWRITES = 5;

    private final OptimisticStatusWriter writer;
    private final KubernetesSerialization serialization;
    private final EventRecorder events;
    private final Consumer<ConditionTransition> announced;
    private BinaryBoshPair latest;

    /** @param announced told of each transition after its event, e.g. to measure how long detection took */
    StatusPublisher(OptimisticStatusWriter writer, KubernetesSerialization serialization, EventRecorder events,
                    Consumer<ConditionTransition> announced) {
        this.writer = writer;
        this.serialization = serialization;
        this.events = events;
        this.announced = announced;
    }

    /**
     * Writes {@code change} applied to the pair's status. Refused because the pair changed since it was read, the
     * change is applied again to the pair as it is now and written on that version, but only when what changed is
     * what the operator observes ({@link ObservationsOnly}: a second replica refreshing the directors' status, as
     * it does every poll, would otherwise refuse every record written after an action that takes longer than a
     * poll, and the step would be redone forever); any other change ends the reconcile, which decides anew.
     */
    @Override
    public BinaryBoshPair update(BinaryBoshPair pair, Consumer<BinaryBoshPairStatus> change) {
        BinaryBoshPair basedOn = pair;
        for (int attempt = 1; ; attempt++) {
            BinaryBoshPairStatus changed = serialization.clone(statusOf(basedOn));
            change.accept(changed);
            try {
                return publish(basedOn, changed);
            } catch (StatusConflictException conflict) {
                BinaryBoshPair read = basedOn;
                basedOn = attempt >= REWRITES ? null : writer.afterConflict()
                        .filter(current -> ObservationsOnly.changed(serialization, read, current)).orElse(null);
                if (basedOn == null) {
                    throw conflict;
                }
                LOG.info("{}; only observations changed since: writing the change again on resource version {}",
                        conflict.getMessage(), basedOn.getMetadata().getResourceVersion());
            }
        }
    }

    /** Writes {@code status} as the pair's whole status, unless it serializes as the current one. */
    BinaryBoshPair publish(BinaryBoshPair current, BinaryBoshPairStatus status) {
        BinaryBoshPairStatus before = statusOf(current);
        BinaryBoshPair written = writer.write(current, status);
        latest = written;
        if (written == current) {
            return current;
        }
        LogContext.operation(status.getOperation());
        for (ConditionTransition transition : ConditionTransition.between(before.getConditions(),
                status.getConditions())) {
            if (transition.isNoise()) {
                LOG.debug("condition {} {} -> {} ({}): {}", transition.type(), transition.fromStatus(),
                        transition.toStatus(), transition.reason(), transition.message());
                continue;
            }
            LOG.info("condition {} {} -> {} ({}): {}", transition.type(), transition.fromStatus(),
                    transition.toStatus(), transition.reason(), transition.message());
            String message = transition.type() + " is " + transition.toStatus() + ": " + transition.message();
            if (transition.isWarning()) {
                events.warning(written, transition.reason(), message);
            } else {
                events.normal(written, transition.reason(), message);
            }
            announced.accept(transition);
        }
        return written;
    }

    /** The pair as last written or found unchanged by this publisher; empty before its first write. */
    Optional<BinaryBoshPair> latest() {
        return Optional.ofNullable(latest);
    }

    private static BinaryBoshPairStatus statusOf(BinaryBoshPair pair) {
        return pair.getStatus() == null ? new BinaryBoshPairStatus() : pair.getStatus();
    }
}
