package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator last observed and is doing. Conditions carry the truth; phase is for display. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BinaryBoshPairStatus {

    public static final int HISTORY_LIMIT = 20;

    @JsonPropertyDescription("The metadata.generation of the spec this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("One word for display (Pending, Invalid, MutuallyManaged, Degraded, Repairing, "
            + "Updating, Lost, Paused); conditions carry the truth.")
    private String phase;

    @JsonPropertyDescription("Standard conditions: SpecValid, PrimaryReachable, MetaReachable, MicroReachable, Ready "
            + "and, as the operator grows, PrimaryHealthy, MetaHealthy, MutuallyManaged, ResurrectionEnabled, Migrated, "
            + "SplitBrain, Paused, Blocked; Reconciled (False, ReconcileError) only while reconciles end in an "
            + "unexpected exception.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("What the operator last saw of the Primary director.")
    private DirectorStatus primary;

    @JsonPropertyDescription("What the operator last saw of the Meta director.")
    private DirectorStatus meta;

    @JsonPropertyDescription("What the operator last saw of the bootstrap Micro director, while one is declared.")
    private DirectorStatus micro;

    @JsonPropertyDescription("The step in flight, written before it acts so that a restarted operator resumes it "
            + "instead of repeating or skipping it. Absent when nothing runs.")
    private OperationStatus operation;

    @JsonPropertyDescription("The bootstrap migration from the Micro to Meta: preflight findings, copy progress, "
            + "where stores were moved, completion. Absent while no Micro is declared and no migration ran.")
    private MigrationStatus migration;

    @JsonPropertyDescription("An operation set aside while the Micro is fenced (split brain); it goes on once the fence ends.")
    private OperationStatus suspendedOperation;

    @JsonPropertyDescription("The exact value of the binarybosh.io/approve annotation the operation in flight waits "
            + "for (the operation's id, or <id>-fence, or <id>-retry): kubectl annotate bbp <name> "
            + "binarybosh.io/approve=<this> --overwrite, kubectl bbp approve <name> or Argo CD's approve action write it. "
            + "Absent when no person's approval is awaited.")
    private String awaitedApproval;

    @Size(max = HISTORY_LIMIT)
    @JsonPropertyDescription("The last completed operations, newest first, at most 20.")
    private List<OperationRecord> history = new ArrayList<>();

    public String getAwaitedApproval() {
        return awaitedApproval;
    }

    public void setAwaitedApproval(String awaitedApproval) {
        this.awaitedApproval = awaitedApproval;
    }

    public MigrationStatus getMigration() {
        return migration;
    }

    public void setMigration(MigrationStatus migration) {
        this.migration = migration;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public DirectorStatus getPrimary() {
        return primary;
    }

    public void setPrimary(DirectorStatus primary) {
        this.primary = primary;
    }

    public DirectorStatus getMeta() {
        return meta;
    }

    public void setMeta(DirectorStatus meta) {
        this.meta = meta;
    }

    public DirectorStatus getMicro() {
        return micro;
    }

    public void setMicro(DirectorStatus micro) {
        this.micro = micro;
    }

    public OperationStatus getOperation() {
        return operation;
    }

    public void setOperation(OperationStatus operation) {
        this.operation = operation;
    }

    public List<OperationRecord> getHistory() {
        return history;
    }

    public void setHistory(List<OperationRecord> history) {
        this.history = history == null ? new ArrayList<>() : history;
    }

    public OperationStatus getSuspendedOperation() {
        return suspendedOperation;
    }

    public void setSuspendedOperation(OperationStatus suspendedOperation) {
        this.suspendedOperation = suspendedOperation;
    }
}
