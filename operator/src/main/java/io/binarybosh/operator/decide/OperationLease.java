package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Who may act on the operation in flight, decided from {@code status.operation}'s lease (holder, leaseRenewTime,
 * leaseDurationSeconds, as in a coordination.k8s.io Lease). Optimistic locking alone keeps a stale status from being
 * written, not two replicas that read the same version from both acting: a replica acts only while it holds an
 * unexpired lease, taken or renewed by a status write before it acts.
 *
 * <p>A replica's identity is {@code <pod>/<process>}: a holder with this replica's pod but another process is its
 * previous incarnation (one pod never runs two operator processes at once), so a restarted operator takes its own
 * operation over at once instead of waiting for the lease to expire.
 */
public record OperationLease(Kind kind, String holder, Instant expiry) {

    /**
     * Longer than the longest action that holds a reconcile: the preflight's ssh setup waits up to 5 minutes for
     * its director task, the fence up to 2 for monit. A holder renews at half of it, so it never loses the lease
     * while alive and between actions; a replica that died mid-operation is taken over 6 minutes later at most (at
     * once by its own restarted process). Only the copy verification's checksums can run longer (large stores):
     * they only read, and a takeover meanwhile verifies again.
     */
    public static final Duration DURATION = Duration.ofMinutes(6);

    public enum Kind {
        /** No operation, or one no replica holds (written before leases, or by a start not yet stamped). */
        NONE,
        /** Held by another replica whose lease ran out: it died or lost the API server. */
        EXPIRED,
        /** Held by this process's previous incarnation in the same pod. */
        PREVIOUS_INCARNATION,
        /** Held by this replica, more than half of it left. */
        MINE,
        /** Held by this replica, more than half of it used: renewed before the next action. */
        MINE_RENEW_DUE,
        /** Held by another live replica: this one does nothing for the operation. */
        HELD_BY_OTHER
    }

    public static OperationLease of(OperationStatus operation, String me, Instant now) {
        if (operation == null || operation.getHolder() == null) {
            return new OperationLease(Kind.NONE, null, null);
        }
        String holder = operation.getHolder();
        Instant renewed = renewTime(operation);
        Duration duration = operation.getLeaseDurationSeconds() == null ? DURATION
                : Duration.ofSeconds(operation.getLeaseDurationSeconds());
        Instant expiry = renewed == null ? now : renewed.plus(duration);
        if (holder.equals(me)) {
            boolean halfUsed = renewed == null || !now.isBefore(renewed.plus(duration.dividedBy(2)));
            return new OperationLease(halfUsed ? Kind.MINE_RENEW_DUE : Kind.MINE, holder, expiry);
        }
        if (samePod(holder, me)) {
            return new OperationLease(Kind.PREVIOUS_INCARNATION, holder, expiry);
        }
        return new OperationLease(now.isBefore(expiry) ? Kind.HELD_BY_OTHER : Kind.EXPIRED, holder, expiry);
    }

    /** Whether this replica may act on the operation (after claiming the lease when {@link #claimDue()}). */
    public boolean mayAct() {
        return kind != Kind.HELD_BY_OTHER;
    }

    /** Whether a status write must take or renew the lease before this replica acts. */
    public boolean claimDue() {
        return kind != Kind.MINE && kind != Kind.HELD_BY_OTHER;
    }

    /**
     * The step to carry out: {@code decided}, or, when it acts on an operation another live replica holds, a wait
     * until that lease expires (the holder acts; this replica looks again then).
     */
    public static Step guard(Step decided, OperationStatus operation, String me, Instant now) {
        if (!decided.acts()) {
            return decided;
        }
        OperationLease lease = of(operation, me, now);
        if (lease.mayAct()) {
            return decided;
        }
        Duration left = Duration.between(now, lease.expiry());
        return new Step.Wait(Reason.OPERATION_HELD_BY_ANOTHER_REPLICA, "operation " + operation.getId()
                + " is held by replica " + lease.holder() + " until " + Timestamps.format(lease.expiry()),
                left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left.plusSeconds(1));
    }

    /** Takes or renews the lease for {@code me} on {@code operation} (a status change, written before acting). */
    public static void claim(OperationStatus operation, String me, Instant now) {
        if (operation == null) {
            return;
        }
        operation.setHolder(me);
        operation.setLeaseRenewTime(Timestamps.format(now));
        operation.setLeaseDurationSeconds((int) DURATION.toSeconds());
    }

    /**
     * Claims the lease when a write of this replica carries an operation it does not hold yet (the intent of a
     * new operation: holder and intent in one write) or whose lease is half used; else leaves it.
     */
    public static void stamp(OperationStatus operation, String me, Instant now) {
        if (operation != null && of(operation, me, now).claimDue()) {
            claim(operation, me, now);
        }
    }

    private static boolean samePod(String holder, String me) {
        int a = holder.lastIndexOf('/');
        int b = me.lastIndexOf('/');
        return a > 0 && b > 0 && holder.substring(0, a).equals(me.substring(0, b));
    }

    private static Instant renewTime(OperationStatus operation) {
        try {
            return operation.getLeaseRenewTime() == null ? null : Timestamps.parse(operation.getLeaseRenewTime());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
