package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.model.DesiredCondition;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.status.Conditions;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.ConditionType;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.OperatorException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An unexpected exception of a reconcile, shown in status as condition {@code Reconciled=False} with reason
 * {@code ReconcileError}. Reconciles keep it until one completes, which then removes it (the calculator never
 * produces it). Only exceptions of this operator's own code show their message: those are written without
 * secrets; any other shows its type only, and the operator's log has the rest.
 */
final class ReconcileErrorStatus {

    /*
     * Retries of a failed reconcile (the reconciler's @GradualRetry): JOSDK's GenericRetry waits 2 s, 2 s, then
     * doubles (4 s, 8 s, ...) up to 5 min between attempts, for as long as the reconcile fails: the pair's directors
     * must go on being looked after, so there is no last attempt. A new observation or spec change reconciles at
     * once, whatever the backoff.
     */
    static final long FIRST_RETRY_MILLIS = 2_000;
    static final double RETRY_MULTIPLIER = 2.0;
    static final long MAX_RETRY_INTERVAL_MILLIS = 300_000;
    static final int UNLIMITED_ATTEMPTS = -1;

    private static final String OWN_PACKAGE = "io.binarybosh.operator.";
    private static final int MESSAGE_LIMIT = 300;

    private ReconcileErrorStatus() {
    }

    /** The pair's status with the condition that says why the reconcile failed, the rest as it was. */
    static BinaryBoshPairStatus of(BinaryBoshPair pair, Exception e, KubernetesSerialization serialization,
                                   Instant now) {
        BinaryBoshPairStatus status = pair.getStatus() == null ? new BinaryBoshPairStatus()
                : serialization.clone(pair.getStatus());
        long generation = pair.getMetadata().getGeneration() == null ? 0 : pair.getMetadata().getGeneration();
        List<Condition> conditions = new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> ConditionType.RECONCILED.is(c.getType()));
        conditions.addAll(Conditions.merge(status.getConditions(), List.of(DesiredCondition.isFalse(
                ConditionType.RECONCILED, Reason.RECONCILE_ERROR, message(e))), generation, now));
        status.setConditions(conditions);
        return status;
    }

    /** {@code next} with the failed reconcile's condition of {@code previous}, if it has one. */
    static BinaryBoshPairStatus keptFrom(BinaryBoshPairStatus previous, BinaryBoshPairStatus next) {
        Optional<Condition> failed = previous == null ? Optional.empty()
                : Conditions.find(previous.getConditions(), ConditionType.RECONCILED);
        if (failed.isEmpty() || Conditions.find(next.getConditions(), ConditionType.RECONCILED).isPresent()) {
            return next;
        }
        List<Condition> conditions = new ArrayList<>(next.getConditions());
        conditions.add(failed.get());
        next.setConditions(conditions);
        return next;
    }

    /** A copy of {@code status} without the failed reconcile's condition; empty when it has none. */
    static Optional<BinaryBoshPairStatus> cleared(BinaryBoshPairStatus status, KubernetesSerialization serialization) {
        if (status == null || Conditions.find(status.getConditions(), ConditionType.RECONCILED).isEmpty()) {
            return Optional.empty();
        }
        BinaryBoshPairStatus cleared = serialization.clone(status);
        cleared.getConditions().removeIf(c -> ConditionType.RECONCILED.is(c.getType()));
        return Optional.of(cleared);
    }

    static String message(Exception e) {
        Throwable cause = e;
        while (cause instanceof OperatorException && cause.getCause() != null) {
            cause = cause.getCause();  // JOSDK wraps what the reconcile threw
        }
        String message = "an unexpected " + cause.getClass().getSimpleName() + " ended the reconcile";
        if (cause.getClass().getName().startsWith(OWN_PACKAGE) && cause.getMessage() != null) {
            message += ": " + cause.getMessage();
        }
        if (message.length() > MESSAGE_LIMIT) {
            message = message.substring(0, MESSAGE_LIMIT) + "...";
        }
        long first = Duration.ofMillis(FIRST_RETRY_MILLIS).toSeconds();
        return message + " (retried after " + first + " s, " + first + " s, then at doubling intervals up to "
                + Duration.ofMillis(MAX_RETRY_INTERVAL_MILLIS).toMinutes()
                + " min; the operator's log has the details)";
    }
}
