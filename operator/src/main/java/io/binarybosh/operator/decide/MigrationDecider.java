package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.DirectorRole;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The migration's part of the decision: whether it is due, whether preflight lets it start, and how the
 * operation in flight goes on (approval gates, the adoption tasks, a check that waits for a person). The
 * steps' own preconditions, which need the VMs' shells, are checked again by the migrator just before it acts.
 */
final class MigrationDecider {

    /** A preflight refusal found by looking at the VMs is held this long before preflight runs again. */
    static final Duration REFUSAL_HOLD = Duration.ofMinutes(5);
    /** A migration check that found something for a person to fix is tried again this often. */
    static final Duration BLOCKED_RETRY = Duration.ofMinutes(1);

    /**
     * A migration is due: a Micro is declared, no migration completed, and the pair does not already hold each
     * other's deployments (half of it, as with the Micro and Meta swapped in the spec, is for preflight to refuse).
     */
    static boolean due(DecisionInput in) {
        BinaryBoshPairSpec spec = in.spec();
        boolean micro = spec.getBootstrap() != null && spec.getBootstrap().getMicro() != null;
        MigrationStatus migration = in.status().getMigration();
        boolean completed = migration != null && migration.getCompletedTime() != null;
        boolean managed = in.facts().primary().manager() == DirectorRole.META
                && in.facts().meta().manager() == DirectorRole.PRIMARY;
        return micro && !completed && !managed;
    }

    Step start(DecisionInput in) {
        // before preflight: the Micro an abort left stopped would otherwise read as merely unreachable
        Optional<Step> leftOver = abortLeftOver(in, in.status().getMigration());
        if (leftOver.isPresent()) {
            return leftOver.get();
        }
        if (in.facts().micro() == null) {
            return new Step.Wait(Reason.AWAITING_OBSERVATION, "the Micro has not been observed yet",
                    in.timings().pollInterval());
        }
        Optional<MigrationPreflight.Refusal> refusal = MigrationPreflight.check(in.facts());
        if (refusal.isPresent()) {
            return new Step.Blocked(refusal.get().reason(), "migration refused: " + refusal.get().message());
        }
        MigrationStatus migration = in.status().getMigration();
        if (migration != null && migration.getRefusalReason() != null && migration.getRefusalTime() != null
                && java.util.Objects.equals(migration.getRefusalGeneration(), in.status().getObservedGeneration())
                && Instant.parse(migration.getRefusalTime()).plus(REFUSAL_HOLD).isAfter(in.now())) {
            return new Step.Blocked(recorded(migration.getRefusalReason()), "migration refused: "
                    + migration.getRefusalMessage() + " (preflight runs again at "
                    + Instant.parse(migration.getRefusalTime()).plus(REFUSAL_HOLD) + " or when the spec changes)");
        }
        return new Step.StartMigration();
    }

    /** A reason recorded in status.migration; one written by another version is said to be unknown. */
    private static Reason recorded(String wire) {
        return Reason.fromWire(wire).orElse(Reason.UNKNOWN_REASON);
    }

    Step proceed(DecisionInput in, OperationStatus operation) {
        MigrationStatus migration = in.status().getMigration();
        OperationStep step = operation.operationStep();
        if (step != null && step.aborting()) {
            return new Step.ContinueOperation(Step.OperationAction.MIGRATE);
        }
        boolean abortAsked = operation.getId().equals(in.abortedOperationId()) || in.deleting();
        if (abortAsked && MigrationGates.abortable(step)) {
            return new Step.ContinueOperation(Step.OperationAction.ABORT);
        }
        boolean blocked = migration != null && migration.getBlockedReason() != null;
        String retry = MigrationGates.retryApproval(operation, migration);
        if (blocked && retry.equals(in.approvedOperationId())) {
            return new Step.ContinueOperation(Step.OperationAction.RETRY);
        }
        if (blocked && migration.getBlockedTime() != null) {
            // Held a minute at least, longer after each block in a row (status.operation.retryTime).
            Instant next = Instant.parse(migration.getBlockedTime()).plus(BLOCKED_RETRY);
            if (operation.getRetryTime() != null && Instant.parse(operation.getRetryTime()).isAfter(next)) {
                next = Instant.parse(operation.getRetryTime());
            }
            if (next.isAfter(in.now())) {
                return new Step.Blocked(recorded(migration.getBlockedReason()), migration.getBlockedMessage()
                        + " (migration " + operation.getId() + " stopped at step " + operation.getStep()
                        + "; checked again at " + next + ")", retry);
            }
        }
        Optional<Step> moved = directorsMoved(in, migration);
        if (moved.isPresent()) {
            return moved.get();
        }
        String approved = in.approvedOperationId();
        if (step == null) {
            // Not even an abort: which of its steps prove their precondition on a step not known here is a guess.
            return new Step.Blocked(Reason.UNKNOWN_STEP, "migration " + operation.getId() + " is at step '"
                    + operation.getStep() + "', which this version of the operator does not know: nothing is done, "
                    + "not even an abort (it cannot tell whether the Micro is fenced). Run the version that wrote "
                    + "it, or pause the pair and go back by hand (docs/migration.md, rollback)");
        }
        switch (step) {
            case AWAITING_APPROVAL -> {
                return operation.getId().equals(approved)
                        ? lookedAtDuringPreflight(in, operation).orElse(
                                new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL))
                        : new Step.Wait(Reason.AWAITING_APPROVAL, "preflight passed; migration " + operation.getId()
                        + " stops the three directors and copies the Micro's store onto Meta once the pair is "
                        + "annotated binarybosh.io/approve=" + operation.getId(), in.timings().pollInterval(),
                        operation.getId());
            }
            case AWAITING_FENCE_APPROVAL -> {
                String gate = fenceApproval(operation);
                return gate.equals(approved)
                        ? new Step.ContinueOperation(Step.OperationAction.BEGIN_AFTER_APPROVAL)
                        : new Step.Wait(Reason.AWAITING_APPROVAL, "Meta runs on the verified copy; migration "
                        + operation.getId() + " fences the Micro (its store moved aside) and has Meta recreate "
                        + "Primary's VM once the pair is annotated binarybosh.io/approve=" + gate,
                        in.timings().pollInterval(), gate);
            }
            case SCANNING, RESOLVING -> {
                // A task that ended badly is redone (after a backoff, a few times, then a person is asked: the
                // handler's AdoptionFailed, retried with the counted approval like every dead end).
                return OperationDecider.followTask(operation)
                        .orElse(new Step.ContinueOperation(Step.OperationAction.REDO));
            }
            default -> {
                return new Step.ContinueOperation(Step.OperationAction.MIGRATE);
            }
        }
    }

    /**
     * The checks made again after the approval act only on a look at the directors made after preflight passed: a
     * look made while preflight ran shows its own ssh setup and cleanup tasks still in flight, and refusing on it
     * would end the migration for tasks long gone.
     */
    private static Optional<Step> lookedAtDuringPreflight(DecisionInput in, OperationStatus operation) {
        String stepStarted = operation.getStepStartedTime();
        if (stepStarted == null || in.facts().lookedAtAfter(Instant.parse(stepStarted))) {
            return Optional.empty();
        }
        return Optional.of(new Step.Wait(Reason.AWAITING_FRESH_OBSERVATION, "approved; waiting for a look at the "
                + "directors made after preflight passed, to check again that nothing is locked or running",
                in.timings().pollInterval()));
    }

    /**
     * The migration copies from the Micro preflight recorded onto the Meta it recorded; a spec that now names other
     * directors would turn the next step against the wrong one.
     */
    private static Optional<Step> directorsMoved(DecisionInput in, MigrationStatus migration) {
        if (migration == null) {
            return Optional.empty();
        }
        String micro = in.spec().getBootstrap() == null || in.spec().getBootstrap().getMicro() == null ? null
                : in.spec().getBootstrap().getMicro().getUrl();
        String meta = in.spec().getMeta().getUrl();
        if (migration.getSourceUrl() != null && !migration.getSourceUrl().equals(micro)
                || migration.getTargetUrl() != null && !migration.getTargetUrl().equals(meta)) {
            return Optional.of(new Step.Blocked(Reason.MIGRATION_TARGET_CHANGED,
                    "the migration in flight copies from the "
                    + "Micro at " + migration.getSourceUrl() + " onto Meta at " + migration.getTargetUrl()
                    + ", but the spec now names " + micro + " and " + meta + ": nothing more is done until the spec "
                    + "names them again"));
        }
        return Optional.empty();
    }

    /**
     * An abort that could not bring every director back left work for a person: no migration starts on that state
     * until they say it is done with the retry approval (a new migration's preflight then looks at everything again).
     */
    private static Optional<Step> abortLeftOver(DecisionInput in, MigrationStatus migration) {
        if (migration == null || migration.getAbortLeftOver() == null
                || migration.getAbortLeftOver().getTodo() == null) {
            return Optional.empty();
        }
        String id = in.status().getHistory() == null ? null : in.status().getHistory().stream()
                .filter(r -> OperationType.MIGRATION.wire().equals(r.getType())).map(r -> r.getId()).findFirst()
                .orElse(null);
        String retry = MigrationGates.retryApproval(id == null ? "migration" : id, migration);
        if (retry.equals(in.approvedOperationId())) {
            return Optional.empty();
        }
        return Optional.of(new Step.Blocked(Reason.ABORT_INCOMPLETE, "the abort of migration " + id + " finished without "
                + "bringing every director back; a person must: " + migration.getAbortLeftOver().getTodo()
                + ". Once done, annotate binarybosh.io/approve=" + retry + " and preflight runs again (or remove "
                + "spec.bootstrap to keep the Micro)", retry));
    }

    /** The approval value that lets the migration fence the Micro. */
    static String fenceApproval(OperationStatus operation) {
        return MigrationGates.fenceApproval(operation);
    }
}
