package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** What the operator last observed of one director. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DirectorStatus {

    @JsonPropertyDescription("One word for display: Reachable, Unreachable, Unauthenticated, Untrusted, Invalid, "
            + "Unknown.")
    private String state;

    @JsonPropertyDescription("The URL observed (from the spec).")
    private String url;

    @JsonPropertyDescription("Whether the director's API answered GET /info at the last observation.")
    private Boolean reachable;

    @JsonPropertyDescription("The director's name from /info (director.name).")
    private String name;

    @JsonPropertyDescription("The director's uuid from /info. After a store copy two directors share it: tell them "
            + "apart by name and address.")
    private String uuid;

    @JsonPropertyDescription("The director's version from /info.")
    private String version;

    @JsonPropertyDescription("The auth mode the director advertises: basic or uaa.")
    private String authType;

    @JsonPropertyDescription("The user or client the director authenticated the operator as; absent when the "
            + "credentials were refused.")
    private String user;

    @JsonPropertyDescription("When the director last answered (RFC 3339). Exact when the director stops answering; "
            + "while it keeps answering it is refreshed every few minutes rather than at every poll, so that "
            + "an unchanged pair causes no status writes.")
    private String lastSeenTime;

    @JsonPropertyDescription("The last failure talking to the director; absent after a successful observation.")
    private String lastError;

    @JsonPropertyDescription("Which director holds this director's deployment, as observed: meta, primary or micro; absent when unknown.")
    private String managedBy;

    @JsonPropertyDescription("The VM cid of this director, as its managing director records it.")
    private String vmCid;

    @JsonPropertyDescription("The agent id of this director's VM, as its managing director records it.")
    private String agentId;

    @JsonPropertyDescription("The job state its managing director last read from its agent (running, failing, unresponsive agent, ...).")
    private String jobState;

    @JsonPropertyDescription("Whether resurrection is paused on this director (GET /resurrection).")
    private Boolean resurrectionPaused;

    @JsonPropertyDescription("The names of the deployments this director holds.")
    private List<String> deployments;

    @JsonPropertyDescription("Since when the director has been healthy (RFC 3339); absent while it is not.")
    private String healthySince;

    @JsonPropertyDescription("How many times the operator has asked the peer to recreate this director's VM since it last stayed healthy for the minimum healthy period.")
    private Integer repairAttempts;

    @JsonPropertyDescription("When the operator last asked the peer to recreate this director's VM (RFC 3339).")
    private String lastRepairTime;

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Boolean getReachable() {
        return reachable;
    }

    public void setReachable(Boolean reachable) {
        this.reachable = reachable;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUuid() {
        return uuid;
    }

    public void setUuid(String uuid) {
        this.uuid = uuid;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getAuthType() {
        return authType;
    }

    public void setAuthType(String authType) {
        this.authType = authType;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getLastSeenTime() {
        return lastSeenTime;
    }

    public void setLastSeenTime(String lastSeenTime) {
        this.lastSeenTime = lastSeenTime;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public String getManagedBy() {
        return managedBy;
    }

    public void setManagedBy(String managedBy) {
        this.managedBy = managedBy;
    }

    public String getVmCid() {
        return vmCid;
    }

    public void setVmCid(String vmCid) {
        this.vmCid = vmCid;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    public String getJobState() {
        return jobState;
    }

    public void setJobState(String jobState) {
        this.jobState = jobState;
    }

    public Boolean getResurrectionPaused() {
        return resurrectionPaused;
    }

    public void setResurrectionPaused(Boolean resurrectionPaused) {
        this.resurrectionPaused = resurrectionPaused;
    }

    public List<String> getDeployments() {
        return deployments;
    }

    public void setDeployments(List<String> deployments) {
        this.deployments = deployments;
    }

    public String getHealthySince() {
        return healthySince;
    }

    public void setHealthySince(String healthySince) {
        this.healthySince = healthySince;
    }

    public Integer getRepairAttempts() {
        return repairAttempts;
    }

    public void setRepairAttempts(Integer repairAttempts) {
        this.repairAttempts = repairAttempts;
    }

    public String getLastRepairTime() {
        return lastRepairTime;
    }

    public void setLastRepairTime(String lastRepairTime) {
        this.lastRepairTime = lastRepairTime;
    }
}
