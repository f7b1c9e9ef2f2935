package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Optional;

/**
 * Every reason the operator writes: of a condition, of a Blocked or Wait decision, of a problem in the spec, of an
 * event and of a refused migration, each written as its own string (the Argo CD scripts and the docs name them).
 * {@link #sections()} says where each is written; docs/troubleshooting.md is generated from these constants
 * ({@code crd.TroubleshootingWriter}), and a test fails on a constant it does not explain.
 */
public enum Reason implements WireName {
    // first written in spec valid
    VALID("Valid", ReasonSection.SPEC_VALID),
    AWAITING_OBSERVATION("AwaitingObservation", ReasonSection.SPEC_VALID, ReasonSection.REACHABLE,
            ReasonSection.HEALTHY, ReasonSection.MUTUALLY_MANAGED, ReasonSection.RESURRECTION_ENABLED,
            ReasonSection.SPLIT_BRAIN, ReasonSection.WAITING),
    SECRET_NOT_FOUND("SecretNotFound", ReasonSection.SPEC_VALID),
    SECRET_KEY_MISSING("SecretKeyMissing", ReasonSection.SPEC_VALID),
    INVALID_CA_CERTIFICATE("InvalidCaCertificate", ReasonSection.SPEC_VALID),
    CONFIG_MAP_NOT_FOUND("ConfigMapNotFound", ReasonSection.SPEC_VALID),
    CONFIG_MAP_KEY_MISSING("ConfigMapKeyMissing", ReasonSection.SPEC_VALID),
    INVALID_MANIFEST("InvalidManifest", ReasonSection.SPEC_VALID),
    FIELD_MISSING("FieldMissing", ReasonSection.SPEC_VALID),
    INVALID_URL("InvalidUrl", ReasonSection.SPEC_VALID),
    INVALID_DEPLOYMENT_NAME("InvalidDeploymentName", ReasonSection.SPEC_VALID),
    INVALID_STORE_PATH("InvalidStorePath", ReasonSection.SPEC_VALID),
    OUT_OF_RANGE("OutOfRange", ReasonSection.SPEC_VALID),
    SAME_DIRECTOR_TWICE("SameDirectorTwice", ReasonSection.SPEC_VALID),
    SAME_DEPLOYMENT_TWICE("SameDeploymentTwice", ReasonSection.SPEC_VALID),
    // first written in reachable
    DIRECTOR_ANSWERED("DirectorAnswered", ReasonSection.REACHABLE),
    NOT_CONTACTED("NotContacted", ReasonSection.REACHABLE),
    CONNECTION_FAILED("ConnectionFailed", ReasonSection.REACHABLE),
    CERTIFICATE_UNTRUSTED("CertificateUntrusted", ReasonSection.REACHABLE),
    CREDENTIALS_REJECTED("CredentialsRejected", ReasonSection.REACHABLE),
    UNEXPECTED_RESPONSE("UnexpectedResponse", ReasonSection.REACHABLE),
    UAA_UNAVAILABLE("UaaUnavailable", ReasonSection.REACHABLE),
    DATABASE_NOT_ANSWERING("DatabaseNotAnswering", ReasonSection.REACHABLE, ReasonSection.HEALTHY,
            ReasonSection.MUTUALLY_MANAGED, ReasonSection.RESURRECTION_ENABLED),
    // first written in healthy
    ANSWERING("Answering", ReasonSection.HEALTHY),
    NOT_OBSERVABLE("NotObservable", ReasonSection.HEALTHY, ReasonSection.RESURRECTION_ENABLED),
    NEVER_ANSWERED("NeverAnswered", ReasonSection.HEALTHY, ReasonSection.BLOCKED),
    VM_MISSING("VmMissing", ReasonSection.HEALTHY),
    AGENT_UNRESPONSIVE("AgentUnresponsive", ReasonSection.HEALTHY),
    JOBS_NOT_RUNNING("JobsNotRunning", ReasonSection.HEALTHY),
    API_NOT_ANSWERING("ApiNotAnswering", ReasonSection.HEALTHY),
    UNREACHABLE("Unreachable", ReasonSection.HEALTHY),
    // first written in mutually managed
    EACH_MANAGES_THE_OTHER("EachManagesTheOther", ReasonSection.MUTUALLY_MANAGED),
    PRIMARY_NOT_MANAGED_BY_META("PrimaryNotManagedByMeta", ReasonSection.MUTUALLY_MANAGED),
    META_NOT_MANAGED_BY_PRIMARY("MetaNotManagedByPrimary", ReasonSection.MUTUALLY_MANAGED),
    PRIMARY_AGENT_NOT_REPORTING("PrimaryAgentNotReporting", ReasonSection.MUTUALLY_MANAGED),
    META_AGENT_NOT_REPORTING("MetaAgentNotReporting", ReasonSection.MUTUALLY_MANAGED),
    ROLES_SWAPPED("RolesSwapped", ReasonSection.MUTUALLY_MANAGED),
    PEER_NOT_OBSERVABLE("PeerNotObservable", ReasonSection.MUTUALLY_MANAGED),
    // first written in resurrection enabled
    BOTH_WAYS("BothWays", ReasonSection.RESURRECTION_ENABLED),
    RESURRECTION_PAUSED("ResurrectionPaused", ReasonSection.RESURRECTION_ENABLED, ReasonSection.EVENTS),
    RESURRECTOR_DISABLED("ResurrectorDisabled", ReasonSection.RESURRECTION_ENABLED),
    STATEFUL_NODES_NOT_FIXED("StatefulNodesNotFixed", ReasonSection.RESURRECTION_ENABLED),
    MELTDOWN_THRESHOLDS("MeltdownThresholds", ReasonSection.RESURRECTION_ENABLED),
    DISABLED_IN_SPEC("DisabledInSpec", ReasonSection.RESURRECTION_ENABLED),
    RESURRECTION_CONFIG_DISABLES("ResurrectionConfigDisables", ReasonSection.RESURRECTION_ENABLED),
    INSTANCE_IGNORED("InstanceIgnored", ReasonSection.RESURRECTION_ENABLED, ReasonSection.BLOCKED),
    INSTANCE_NOT_EXPECTING_VM("InstanceNotExpectingVm", ReasonSection.RESURRECTION_ENABLED, ReasonSection.BLOCKED),
    // first written in split brain
    NO_DUPLICATE_OWNER("NoDuplicateOwner", ReasonSection.SPLIT_BRAIN),
    DEPLOYMENT_ON_TWO_DIRECTORS("DeploymentOnTwoDirectors", ReasonSection.SPLIT_BRAIN),
    MICRO_FENCE_FAILED("MicroFenceFailed", ReasonSection.BLOCKED, ReasonSection.EVENTS),
    MICRO_CANNOT_ACT("MicroCannotAct", ReasonSection.SPLIT_BRAIN),
    // first written in migrated
    MIGRATION_COMPLETED("MigrationCompleted", ReasonSection.MIGRATED),
    PRIMARY_ON_META("PrimaryOnMeta", ReasonSection.MIGRATED),
    NOT_MIGRATED("NotMigrated", ReasonSection.MIGRATED),
    MIGRATING("Migrating", ReasonSection.MIGRATED),
    MICRO_NOT_REACHABLE("MicroNotReachable", ReasonSection.MIGRATED),
    PRIMARY_NOT_REACHABLE("PrimaryNotReachable", ReasonSection.MIGRATED),
    META_NOT_REACHABLE("MetaNotReachable", ReasonSection.MIGRATED),
    SOURCE_DOES_NOT_HOLD_PRIMARY("SourceDoesNotHoldPrimary", ReasonSection.MIGRATED),
    DIRECTOR_ADDRESS_MISMATCH("DirectorAddressMismatch", ReasonSection.MIGRATED),
    META_NOT_ON_PRIMARY("MetaNotOnPrimary", ReasonSection.MIGRATED),
    TARGET_NOT_FRESH("TargetNotFresh", ReasonSection.MIGRATED),
    VERSION_SKEW("VersionSkew", ReasonSection.MIGRATED),
    DEPLOYMENT_LOCKED("DeploymentLocked", ReasonSection.MIGRATED, ReasonSection.WAITING),
    TASKS_IN_FLIGHT("TasksInFlight", ReasonSection.MIGRATED),
    MICRO_IN_DNS_SETTINGS("MicroInDnsSettings", ReasonSection.MIGRATED),
    MICRO_IDENTITY_MISMATCH("MicroIdentityMismatch", ReasonSection.MIGRATED),
    SOURCE_HAS_NO_DIRECTOR_DATA("SourceHasNoDirectorData", ReasonSection.MIGRATED),
    META_DISK_TOO_SMALL("MetaDiskTooSmall", ReasonSection.MIGRATED),
    POSTGRES_VERSION_MISMATCH("PostgresVersionMismatch", ReasonSection.MIGRATED),
    SOURCE_POSTGRES_RUNNING("SourcePostgresRunning", ReasonSection.MIGRATED),
    SOURCE_NOT_CLEANLY_SHUT_DOWN("SourceNotCleanlyShutDown", ReasonSection.MIGRATED),
    DIRECTORS_NOT_STOPPED("DirectorsNotStopped", ReasonSection.MIGRATED),
    SSH_ACCESS_FAILED("SshAccessFailed", ReasonSection.MIGRATED),
    COPY_FAILED("CopyFailed", ReasonSection.MIGRATED),
    META_DISK_FULL("MetaDiskFull", ReasonSection.MIGRATED),
    META_DID_NOT_START("MetaDidNotStart", ReasonSection.MIGRATED),
    META_DOES_NOT_MATCH_SOURCE("MetaDoesNotMatchSource", ReasonSection.MIGRATED),
    UNKNOWN_STEP("UnknownStep", ReasonSection.MIGRATED),
    UNKNOWN_REASON("UnknownReason", ReasonSection.MIGRATED),
    PRIMARY_NOT_ADOPTED("PrimaryNotAdopted", ReasonSection.MIGRATED),
    ADOPTION_FAILED("AdoptionFailed", ReasonSection.MIGRATED),
    ADOPTION_TIMED_OUT("AdoptionTimedOut", ReasonSection.MIGRATED),
    MICRO_NOT_FENCED("MicroNotFenced", ReasonSection.MIGRATED),
    MIGRATION_STEP_TIMED_OUT("MigrationStepTimedOut", ReasonSection.MIGRATED),
    MIGRATION_TARGET_CHANGED("MigrationTargetChanged", ReasonSection.MIGRATED),
    MICRO_DATABASE_NOT_ANSWERING("MicroDatabaseNotAnswering", ReasonSection.MIGRATED),
    PRIMARY_DATABASE_NOT_ANSWERING("PrimaryDatabaseNotAnswering", ReasonSection.MIGRATED, ReasonSection.BLOCKED),
    META_DATABASE_NOT_ANSWERING("MetaDatabaseNotAnswering", ReasonSection.MIGRATED, ReasonSection.BLOCKED),
    CONFIG_SERVER_NAME_MISMATCH("ConfigServerNameMismatch", ReasonSection.MIGRATED),
    CONFIG_SERVER_VARIABLES_UNKNOWN("ConfigServerVariablesUnknown", ReasonSection.MIGRATED),
    VM_HOST_KEY_CHANGED("VmHostKeyChanged", ReasonSection.MIGRATED),
    ABORT_INCOMPLETE("AbortIncomplete", ReasonSection.MIGRATED, ReasonSection.EVENTS),
    // first written in paused
    NOT_PAUSED("NotPaused", ReasonSection.PAUSED),
    PAUSED_BY_ANNOTATION("PausedByAnnotation", ReasonSection.PAUSED),
    // first written in ready
    MUTUALLY_MANAGED("MutuallyManaged", ReasonSection.READY),
    SPEC_INVALID("SpecInvalid", ReasonSection.READY, ReasonSection.BLOCKED),
    PRIMARY_UNHEALTHY("PrimaryUnhealthy", ReasonSection.READY),
    META_UNHEALTHY("MetaUnhealthy", ReasonSection.READY),
    NOT_MUTUALLY_MANAGED("NotMutuallyManaged", ReasonSection.READY),
    RESURRECTION_NOT_ENABLED("ResurrectionNotEnabled", ReasonSection.READY),
    SPLIT_BRAIN("SplitBrain", ReasonSection.READY, ReasonSection.BLOCKED),
    NOT_YET_MANAGED("NotYetManaged", ReasonSection.READY),
    // first written in blocked
    NOT_BLOCKED("NotBlocked", ReasonSection.BLOCKED),
    LOST("Lost", ReasonSection.BLOCKED),
    PEER_NOT_USABLE("PeerNotUsable", ReasonSection.BLOCKED),
    NOT_MANAGED_BY_PEER("NotManagedByPeer", ReasonSection.BLOCKED),
    DEPLOYMENT_LOCKED_BY_STUCK_TASK("DeploymentLockedByStuckTask", ReasonSection.BLOCKED),
    JOBS_STOPPED_NOT_RECREATING("JobsStoppedNotRecreating", ReasonSection.BLOCKED),
    API_FROZEN("ApiFrozen", ReasonSection.BLOCKED),
    REPAIR_BUDGET_SPENT("RepairBudgetSpent", ReasonSection.BLOCKED),
    // first written in reconciled
    RECONCILE_ERROR("ReconcileError", ReasonSection.RECONCILED),
    // first written in waiting
    STEADY("Steady", ReasonSection.WAITING),
    PAUSED("Paused", ReasonSection.WAITING),
    AWAITING_FRESH_OBSERVATION("AwaitingFreshObservation", ReasonSection.WAITING),
    AWAITING_HEALTH_MONITOR("AwaitingHealthMonitor", ReasonSection.WAITING),
    HEALTH_MONITOR_REPAIRING("HealthMonitorRepairing", ReasonSection.WAITING),
    MANAGER_VIEW_INCOMPLETE("ManagerViewIncomplete", ReasonSection.WAITING),
    TASK_IN_FLIGHT("TaskInFlight", ReasonSection.WAITING),
    AWAITING_AGENT_CHECK("AwaitingAgentCheck", ReasonSection.WAITING),
    REPAIR_BACKOFF("RepairBackoff", ReasonSection.WAITING),
    RETRY_BACKOFF("RetryBackoff", ReasonSection.WAITING),
    PEER_RECENTLY_REPAIRED("PeerRecentlyRepaired", ReasonSection.WAITING),
    AWAITING_APPROVAL("AwaitingApproval", ReasonSection.WAITING),
    VERIFYING_REPAIR("VerifyingRepair", ReasonSection.WAITING),
    MANIFEST_DRIFT_NOT_DEPLOYABLE("ManifestDriftNotDeployable", ReasonSection.WAITING),
    MANIFEST_DRIFT_WAITS_FOR_HEALTH("ManifestDriftWaitsForHealth", ReasonSection.WAITING),
    OPERATION_HELD_BY_ANOTHER_REPLICA("OperationHeldByAnotherReplica", ReasonSection.WAITING),
    // first written in events
    APPROVAL_REQUIRED("ApprovalRequired", ReasonSection.EVENTS),
    OPERATION_RESUMED("OperationResumed", ReasonSection.EVENTS),
    REPAIR_STARTED("RepairStarted", ReasonSection.EVENTS),
    REPAIR_SUCCEEDED("RepairSucceeded", ReasonSection.EVENTS),
    REPAIR_FAILED("RepairFailed", ReasonSection.EVENTS),
    REPAIR_ABANDONED("RepairAbandoned", ReasonSection.EVENTS),
    DEPLOY_STARTED("DeployStarted", ReasonSection.EVENTS),
    DEPLOY_SUCCEEDED("DeploySucceeded", ReasonSection.EVENTS),
    DEPLOY_FAILED("DeployFailed", ReasonSection.EVENTS),
    DEPLOY_ABANDONED("DeployAbandoned", ReasonSection.EVENTS),
    RESURRECTION_UNPAUSED("ResurrectionUnpaused", ReasonSection.EVENTS),
    RESURRECTION_UNPAUSE_FAILED("ResurrectionUnpauseFailed", ReasonSection.EVENTS),
    STUCK_TASK_CANCELLED("StuckTaskCancelled", ReasonSection.EVENTS),
    FENCING_MICRO("FencingMicro", ReasonSection.EVENTS),
    MICRO_FENCED("MicroFenced", ReasonSection.EVENTS),
    MIGRATION_STARTED("MigrationStarted", ReasonSection.EVENTS),
    PREFLIGHT_PASSED("PreflightPassed", ReasonSection.EVENTS),
    MIGRATION_APPROVED("MigrationApproved", ReasonSection.EVENTS),
    DIRECTORS_STOPPED("DirectorsStopped", ReasonSection.EVENTS),
    META_STORE_MOVED_ASIDE("MetaStoreMovedAside", ReasonSection.EVENTS),
    STORE_COPIED("StoreCopied", ReasonSection.EVENTS),
    COPY_REDONE("CopyRedone", ReasonSection.EVENTS),
    COPY_VERIFIED("CopyVerified", ReasonSection.EVENTS),
    META_STARTED("MetaStarted", ReasonSection.EVENTS),
    MICRO_RETIRED("MicroRetired", ReasonSection.EVENTS),
    PRIMARY_ADOPTED("PrimaryAdopted", ReasonSection.EVENTS),
    ADOPTION_RETRIED("AdoptionRetried", ReasonSection.EVENTS),
    MIGRATION_RETRIED("MigrationRetried", ReasonSection.EVENTS),
    MIGRATION_ABORTING("MigrationAborting", ReasonSection.EVENTS),
    META_STORE_RESTORED("MetaStoreRestored", ReasonSection.EVENTS),
    MIGRATION_SUCCEEDED("MigrationSucceeded", ReasonSection.EVENTS),
    MIGRATION_REFUSED("MigrationRefused", ReasonSection.EVENTS),
    MIGRATION_FAILED("MigrationFailed", ReasonSection.EVENTS),
    MIGRATION_ABANDONED("MigrationAbandoned", ReasonSection.EVENTS),
    MIGRATION_ABORTED("MigrationAborted", ReasonSection.EVENTS),
    VM_REPLACED("VmReplaced", ReasonSection.EVENTS),
    ABORT_SKIPS_VM("AbortSkipsVm", ReasonSection.EVENTS),
    MICRO_DID_NOT_COME_BACK("MicroDidNotComeBack", ReasonSection.EVENTS),
    OPERATION_ABANDONED("OperationAbandoned", ReasonSection.EVENTS);

    private final String wire;
    private final List<ReasonSection> sections;

    Reason(String wire, ReasonSection... sections) {
        this.wire = wire;
        this.sections = List.of(sections);
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** Where the operator writes this reason, and so where the troubleshooting guide explains it. */
    public List<ReasonSection> sections() {
        return sections;
    }

    /** Whether {@code wire} is this reason's string: for reasons read back from the resource. */
    public boolean is(String wire) {
        return this.wire.equals(wire);
    }

    public static Optional<Reason> fromWire(String wire) {
        return WireName.lookup(Reason.class, wire);
    }

    /** PrimaryNotReachable, MetaNotReachable, MicroNotReachable: a migration's director does not answer. */
    public static Reason notReachable(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_NOT_REACHABLE;
            case META -> META_NOT_REACHABLE;
            case MICRO -> MICRO_NOT_REACHABLE;
        };
    }

    /** PrimaryDatabaseNotAnswering, ...: the director answers /info but its database does not. */
    public static Reason databaseNotAnswering(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_DATABASE_NOT_ANSWERING;
            case META -> META_DATABASE_NOT_ANSWERING;
            case MICRO -> MICRO_DATABASE_NOT_ANSWERING;
        };
    }

    /** PrimaryNotManagedByMeta, MetaNotManagedByPrimary: {@code role}'s deployment is not on its peer. */
    public static Reason notManagedByPeer(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_NOT_MANAGED_BY_META;
            case META -> META_NOT_MANAGED_BY_PRIMARY;
            case MICRO -> throw new IllegalArgumentException("the Micro is managed by no peer");
        };
    }

    /** PrimaryAgentNotReporting, MetaAgentNotReporting: {@code role}'s agent does not report to its peer. */
    public static Reason agentNotReporting(DirectorRole role) {
        return switch (role) {
            case PRIMARY -> PRIMARY_AGENT_NOT_REPORTING;
            case META -> META_AGENT_NOT_REPORTING;
            case MICRO -> throw new IllegalArgumentException("the Micro's agent reports to no peer");
        };
    }

    @Override
    public String toString() {
        return wire;
    }
}
