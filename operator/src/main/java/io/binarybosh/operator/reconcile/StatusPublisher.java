package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.events.EventRecorder;
import io.binarybosh.operator.status.ConditionTransition;
import io.binarybosh.operator.operation.StatusWriter;
import io.binarybosh.operator.logging.LogContext;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One reconcile's status writes: each based on the version it changes (a concurrent change fails it with
 * {@link io.binarybosh.operator.model.StatusConflictException}), each condition transition announced once as an
 * event.
 */
final class StatusPublisher implements StatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

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

    @Override
    public BinaryBoshPair update(BinaryBoshPair pair, Consumer<BinaryBoshPairStatus> change) {
        BinaryBoshPairStatus changed = serialization.clone(statusOf(pair));
        change.accept(changed);
        return publish(pair, changed);
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
