package io.binarybosh.operator.decide;

/** Names of operations and their steps, as written in status.operation. */
public final class OperationTypes {

    public static final String REPAIR = "Repair";
    public static final String UNPAUSE_RESURRECTION = "UnpauseResurrection";
    public static final String CANCEL_STUCK_TASK = "CancelStuckTask";
    public static final String DEPLOY = "Deploy";
    public static final String FENCE_MICRO = "FenceMicro";
    public static final String MIGRATION = "Migration";

    public static final String AWAITING_APPROVAL = "AwaitingApproval";
    public static final String SCANNING = "Scanning";
    public static final String RESOLVING = "Resolving";
    public static final String VERIFYING = "Verifying";
    public static final String UNPAUSING = "Unpausing";
    public static final String CANCELLING = "Cancelling";
    public static final String DEPLOYING = "Deploying";
    public static final String STOPPING_PROCESSES = "StoppingProcesses";
    public static final String MOVING_STORE_ASIDE = "MovingStoreAside";

    /** The migration's steps, in order (Scanning and Resolving are shared with repairs). */
    public static final String PREFLIGHT = "Preflight";
    public static final String PAUSING_RESURRECTION = "PausingResurrection";
    public static final String STOPPING_DIRECTORS = "StoppingDirectors";
    public static final String MOVING_META_STORE_ASIDE = "MovingMetaStoreAside";
    public static final String COPYING_STORE = "CopyingStore";
    public static final String VERIFYING_COPY = "VerifyingCopy";
    public static final String STARTING_META = "StartingMeta";
    public static final String AWAITING_FENCE_APPROVAL = "AwaitingFenceApproval";
    public static final String FENCING_MICRO = "FencingMicro";
    public static final String VERIFYING_PRIMARY = "VerifyingPrimary";
    public static final String CLOSING = "UnpausingResurrection";

    /** Director task descriptions, as a real director writes them. */
    public static final String SCAN_TASK = "scan cloud";
    public static final String RESOLVE_TASK = "apply resolutions";
    public static final String SCAN_AND_FIX_TASK = "scan and fix";

    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String ABANDONED = "Abandoned";
    public static final String REFUSED = "Refused";

    private OperationTypes() {
    }
}
