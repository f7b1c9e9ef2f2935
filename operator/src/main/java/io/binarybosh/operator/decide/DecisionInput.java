package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.BinaryBoshPairStatus;

import java.time.Instant;

/**
 * Everything the decision reads: the spec, the status as just computed from the observation, the facts, whether
 * the spec is valid, the pause, approval and abort annotations, whether the pair is being deleted, and the time.
 */
public record DecisionInput(BinaryBoshPairSpec spec, BinaryBoshPairStatus status, PairFacts facts,
                            boolean specValid, boolean paused, String approvedOperationId, Instant now,
                            String abortedOperationId, boolean deleting) {

    public DecisionInput(BinaryBoshPairSpec spec, BinaryBoshPairStatus status, PairFacts facts, boolean specValid,
                         boolean paused, String approvedOperationId, Instant now) {
        this(spec, status, facts, specValid, paused, approvedOperationId, now, null, false);
    }

    public Timings timings() {
        return Timings.of(spec);
    }

    public boolean manualApproval() {
        return spec.getApproval() == ApprovalMode.Manual;
    }

    public boolean resurrectionWanted() {
        return spec.getResurrection() == null || !Boolean.FALSE.equals(spec.getResurrection().getEnabled());
    }
}
