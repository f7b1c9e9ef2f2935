package io.binarybosh.operator.decide;

import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.Reason;

import java.time.Duration;

/** The one next thing to do for a pair, as the decision chose it. */
public sealed interface Step {

    /** Whether the actor carries this step out (anything but a wait or a block). */
    default boolean acts() {
        return !(this instanceof Wait) && !(this instanceof Blocked);
    }

    /**
     * Nothing to do now; look again after {@code recheckAfter}. {@code awaitedApproval}: the value of the approve
     * annotation that would end the wait, or null when no approval would.
     */
    record Wait(Reason reason, String message, Duration recheckAfter, String awaitedApproval) implements Step {

        public Wait(Reason reason, String message, Duration recheckAfter) {
            this(reason, message, recheckAfter, null);
        }
    }

    /**
     * Nothing will be done until a person (or the world) changes something; said in a condition and an event.
     * {@code awaitedApproval}: the approve annotation's value that lets the operator go on, or null.
     */
    record Blocked(Reason reason, String message, String awaitedApproval) implements Step {

        public Blocked(Reason reason, String message) {
            this(reason, message, null);
        }
    }

    /** {@code PUT /resurrection {"resurrection_paused": false}} on a director. */
    record UnpauseResurrection(DirectorRole on) implements Step {
    }

    /** Begin repairing {@code target} through {@code manager}: write the operation, then scan (or await approval). */
    record StartRepair(DirectorRole target, DirectorRole manager) implements Step {
    }

    /** {@code DELETE /task/:id} on {@code manager}: a task that has held {@code target}'s deployment too long. */
    record CancelStuckTask(DirectorRole target, DirectorRole manager, long taskId) implements Step {
    }

    /** Deploy {@code target}'s desired manifest through {@code manager}: write the operation, then deploy. */
    record StartDeploy(DirectorRole target, DirectorRole manager) implements Step {
    }

    /** Fence the Micro that holds a pair deployment: stop its processes, move its store aside. */
    record StartFence() implements Step {
    }

    /** Begin the bootstrap migration from the Micro to Meta: write the operation, then run preflight. */
    record StartMigration() implements Step {
    }

    /** Carry the operation in flight one step further. */
    record ContinueOperation(OperationAction action) implements Step {
    }

    /** Close the operation in flight and put it in the history. */
    record FinishOperation(io.binarybosh.operator.model.OperationResult result, String message) implements Step {
    }

    /** What the actor does for an operation in flight. */
    enum OperationAction {
        /** The approval arrived: start scanning. */
        BEGIN_AFTER_APPROVAL,
        /** The step's task id is not recorded: find the task this operator started, or start it. */
        FIND_OR_START_TASK,
        /** Read the state of the step's task. */
        FOLLOW_TASK,
        /** The step's task is done: move to the next step. */
        NEXT_STEP,
        /** Redo an idempotent single-call operation whose result was not recorded. */
        REDO,
        /** Carry the migration's current step as far as it goes now. */
        MIGRATE,
        /** The Micro answers again while Meta runs on its data: fence it without waiting for the approval. */
        RETIRE_MICRO,
        /** A person let a step that stopped for them try again. */
        RETRY,
        /** Bring the operation back to the state before it (abort annotation or the pair's deletion). */
        ABORT
    }
}
