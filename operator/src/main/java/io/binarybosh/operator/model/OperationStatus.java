package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

import java.util.List;

/** The operation in flight: its intent is written here before the step acts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OperationStatus {

    @JsonPropertyDescription("Unique id of the operation; also sent as X-Bosh-Context-Id on the director tasks it starts.")
    private String id;

    @JsonPropertyDescription("What the operation does (its type).")
    private String type;

    @JsonPropertyDescription("The step in flight (one of its type's steps).")
    private String step;

    @JsonPropertyDescription("When the operation started (RFC 3339).")
    private String startedTime;

    @JsonPropertyDescription("Which director the step acts on: primary, meta or micro.")
    private String director;

    @Min(0)
    @JsonPropertyDescription("The director task the step started, if any, so a restarted operator follows it "
            + "instead of starting another.")
    private Long taskId;

    @Min(1)
    @JsonPropertyDescription("How many times this step has been attempted.")
    private Integer attempt;

    @JsonPropertyDescription("What the step is doing or waiting for, in words.")
    private String message;

    @JsonPropertyDescription("The director the operation repairs or changes: primary or meta.")
    private String target;

    @JsonPropertyDescription("When the current step started (RFC 3339).")
    private String stepStartedTime;

    @JsonPropertyDescription("The last state read of the step's director task (queued, processing, done, error, cancelled, timeout).")
    private String taskState;

    @JsonPropertyDescription("The target's VM cid before the operation, to verify a recreate.")
    private String previousVmCid;

    @JsonPropertyDescription("The target's agent id before the operation, to verify a recreate.")
    private String previousAgentId;

    @JsonPropertyDescription("The target's own deployments before the operation, to verify nothing was lost.")
    private List<String> previousDeployments;

    @JsonPropertyDescription("The newest task id of the deployment when the step's intent was written: the step's own task has a higher one, which is how it is found again when the operator died before recording it.")
    private Long taskIdAbove;

    @Min(0)
    @JsonPropertyDescription("How many attempts at the current step failed in a row; the next waits longer (exponential backoff).")
    private Integer failures;

    @JsonPropertyDescription("After a failed attempt: the step is not tried again before this time (RFC 3339).")
    private String retryTime;

    @JsonPropertyDescription("Set when an abort was asked (binarybosh.io/abort or the pair's deletion): why.")
    private String abortReason;

    @JsonPropertyDescription("The operator replica that may act on the operation (its pod name and a suffix per "
            + "process start), like a coordination.k8s.io Lease's holderIdentity: taken or renewed by a status write "
            + "before the replica acts, so two replicas never act on one step.")
    private String holder;

    @JsonPropertyDescription("When the holder last took or renewed its lease (RFC 3339).")
    private String leaseRenewTime;

    @Min(1)
    @JsonPropertyDescription("How long the lease lasts after leaseRenewTime; another replica takes the operation over "
            + "only once it has expired.")
    private Integer leaseDurationSeconds;

    public String getHolder() {
        return holder;
    }

    public void setHolder(String holder) {
        this.holder = holder;
    }

    public String getLeaseRenewTime() {
        return leaseRenewTime;
    }

    public void setLeaseRenewTime(String leaseRenewTime) {
        this.leaseRenewTime = leaseRenewTime;
    }

    public Integer getLeaseDurationSeconds() {
        return leaseDurationSeconds;
    }

    public void setLeaseDurationSeconds(Integer leaseDurationSeconds) {
        this.leaseDurationSeconds = leaseDurationSeconds;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public String getStartedTime() {
        return startedTime;
    }

    public void setStartedTime(String startedTime) {
        this.startedTime = startedTime;
    }

    public String getDirector() {
        return director;
    }

    public void setDirector(String director) {
        this.director = director;
    }

    public Long getTaskId() {
        return taskId;
    }

    public void setTaskId(Long taskId) {
        this.taskId = taskId;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public void setAttempt(Integer attempt) {
        this.attempt = attempt;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getStepStartedTime() {
        return stepStartedTime;
    }

    public void setStepStartedTime(String stepStartedTime) {
        this.stepStartedTime = stepStartedTime;
    }

    public String getTaskState() {
        return taskState;
    }

    public void setTaskState(String taskState) {
        this.taskState = taskState;
    }

    public String getPreviousVmCid() {
        return previousVmCid;
    }

    public void setPreviousVmCid(String previousVmCid) {
        this.previousVmCid = previousVmCid;
    }

    public String getPreviousAgentId() {
        return previousAgentId;
    }

    public void setPreviousAgentId(String previousAgentId) {
        this.previousAgentId = previousAgentId;
    }

    public List<String> getPreviousDeployments() {
        return previousDeployments;
    }

    public void setPreviousDeployments(List<String> previousDeployments) {
        this.previousDeployments = previousDeployments;
    }

    public Long getTaskIdAbove() {
        return taskIdAbove;
    }

    public void setTaskIdAbove(Long taskIdAbove) {
        this.taskIdAbove = taskIdAbove;
    }

    public Integer getFailures() {
        return failures;
    }

    public void setFailures(Integer failures) {
        this.failures = failures;
    }

    public String getRetryTime() {
        return retryTime;
    }

    public void setRetryTime(String retryTime) {
        this.retryTime = retryTime;
    }

    public String getAbortReason() {
        return abortReason;
    }

    public void setAbortReason(String abortReason) {
        this.abortReason = abortReason;
    }

    /** The type as an enum, or null when another version of the operator wrote one this one does not know. */
    public OperationType operationType() {
        return OperationType.fromWire(type).orElse(null);
    }

    /** The step as an enum, or null when unknown. */
    public OperationStep operationStep() {
        return OperationStep.fromWire(step).orElse(null);
    }

    public boolean is(OperationType expected) {
        return expected.wire().equals(type);
    }

    public boolean at(OperationStep expected) {
        return expected.wire().equals(step);
    }
}
