package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** The bootstrap migration: what preflight recorded, how far the copy got, where stores were moved, and whether it is done. Holds no secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MigrationStatus {

    @JsonPropertyDescription("When the migration ended with Meta managing Primary and Primary managing Meta (RFC 3339); absent until then.")
    private String completedTime;

    @JsonPropertyDescription("The Micro director the store is copied from, as preflight recorded it.")
    private String sourceUrl;

    @JsonPropertyDescription("The Micro's director uuid at preflight: Meta answers with it once it runs on the copy.")
    private String sourceUuid;

    @JsonPropertyDescription("The Micro's director version at preflight.")
    private String sourceVersion;

    @JsonPropertyDescription("The Meta director the store is copied onto, as preflight recorded it.")
    private String targetUrl;

    @JsonPropertyDescription("Meta's VM cid at preflight: the copy goes only onto this VM.")
    private String targetVmCid;

    @JsonPropertyDescription("Meta's director version at preflight.")
    private String targetVersion;

    @JsonPropertyDescription("The postgres data directory both stores use, e.g. postgres-15.")
    private String postgresDirectory;

    @JsonPropertyDescription("The Micro's deployments at preflight; Meta must list them after the copy.")
    private List<String> sourceDeployments;

    @JsonPropertyDescription("The Micro's releases (name/version) at preflight; Meta must list them after the copy.")
    private List<String> sourceReleases;

    @JsonPropertyDescription("The Micro's stemcells (name/version) at preflight; Meta must list them after the copy.")
    private List<String> sourceStemcells;

    @JsonPropertyDescription("Primary's own deployments at preflight; they must be unchanged once Meta has recreated Primary's VM.")
    private List<String> primaryDeployments;

    @JsonPropertyDescription("Primary's VM cid before Meta adopts it; the adoption must give it a new one.")
    private String primaryVmCid;

    @JsonPropertyDescription("Primary's agent id before Meta adopts it; the adoption must give it a new one.")
    private String primaryAgentId;

    @JsonPropertyDescription("The temporary ssh access of this migration to each director VM: address, user and the pinned host key (never a private key).")
    private List<ShellAccessStatus> shellAccess;

    @JsonPropertyDescription("Where Meta's own store was moved before the copy (nothing is deleted).")
    private String metaStoreAside;

    @JsonPropertyDescription("Where the Micro's store was moved when it was fenced (nothing is deleted).")
    private String microStoreAside;

    @Min(1)
    @JsonPropertyDescription("Which copy attempt runs or ran last; a copy that fails or does not verify is redone.")
    private Integer copyAttempt;

    @Min(0)
    @JsonPropertyDescription("Bytes transferred so far by the current copy attempt, as rsync reports them.")
    private Long copiedBytes;

    @Min(0)
    @JsonPropertyDescription("Files transferred so far by the current copy attempt.")
    private Long copiedFiles;

    @JsonPropertyDescription("The current or final transfer rate, as rsync reports it (e.g. 112.30MB/s).")
    private String copyRate;

    @JsonPropertyDescription("SHA-256 of the Micro store's checksum listing (every file's SHA-256 and path, and every directory and link).")
    private String sourceChecksum;

    @JsonPropertyDescription("SHA-256 of Meta's store listing after the copy; equal to sourceChecksum once verified.")
    private String targetChecksum;

    @JsonPropertyDescription("True once both listings are equal; Meta's director is never started before.")
    private Boolean copyVerified;

    @JsonPropertyDescription("How many times a person let a stopped step try again (binarybosh.io/approve=<id>-retry-<n>).")
    private Integer retries;

    @JsonPropertyDescription("True once monit start all was sent to Meta on the verified copy: from then on Meta runs on purpose.")
    private Boolean metaStartSent;

    @JsonPropertyDescription("The steps of the migration that completed, in order: the whole run, with times.")
    private List<MigrationStepRecord> steps;

    @JsonPropertyDescription("Why the last preflight refused to start (CamelCase), while that holds.")
    private String refusalReason;

    @JsonPropertyDescription("What the last preflight found, in words.")
    private String refusalMessage;

    @JsonPropertyDescription("When the last preflight refused (RFC 3339); it runs again five minutes later or when the spec changes.")
    private String refusalTime;

    @JsonPropertyDescription("The metadata.generation the refusal was made for.")
    private Long refusalGeneration;

    @JsonPropertyDescription("Why the migration in flight waits for a person (CamelCase); its check is retried after 1 minute, then less often (up to every 10 minutes).")
    private String blockedReason;

    @JsonPropertyDescription("What the migration in flight found, in words.")
    private String blockedMessage;

    @JsonPropertyDescription("When that was last found (RFC 3339).")
    private String blockedTime;

    @JsonPropertyDescription("What an abort could not do itself (a VM recreated or out of reach, a director that did not answer again), for a person.")
    private AbortLeftOverStatus abortLeftOver;

    public String getCompletedTime() {
        return completedTime;
    }

    public void setCompletedTime(String completedTime) {
        this.completedTime = completedTime;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public void setSourceUrl(String sourceUrl) {
        this.sourceUrl = sourceUrl;
    }

    public String getSourceUuid() {
        return sourceUuid;
    }

    public void setSourceUuid(String sourceUuid) {
        this.sourceUuid = sourceUuid;
    }

    public String getSourceVersion() {
        return sourceVersion;
    }

    public void setSourceVersion(String sourceVersion) {
        this.sourceVersion = sourceVersion;
    }

    public String getTargetUrl() {
        return targetUrl;
    }

    public void setTargetUrl(String targetUrl) {
        this.targetUrl = targetUrl;
    }

    public String getTargetVmCid() {
        return targetVmCid;
    }

    public void setTargetVmCid(String targetVmCid) {
        this.targetVmCid = targetVmCid;
    }

    public String getTargetVersion() {
        return targetVersion;
    }

    public void setTargetVersion(String targetVersion) {
        this.targetVersion = targetVersion;
    }

    public String getPostgresDirectory() {
        return postgresDirectory;
    }

    public void setPostgresDirectory(String postgresDirectory) {
        this.postgresDirectory = postgresDirectory;
    }

    public List<String> getSourceDeployments() {
        return sourceDeployments;
    }

    public void setSourceDeployments(List<String> sourceDeployments) {
        this.sourceDeployments = sourceDeployments;
    }

    public List<String> getSourceReleases() {
        return sourceReleases;
    }

    public void setSourceReleases(List<String> sourceReleases) {
        this.sourceReleases = sourceReleases;
    }

    public List<String> getSourceStemcells() {
        return sourceStemcells;
    }

    public void setSourceStemcells(List<String> sourceStemcells) {
        this.sourceStemcells = sourceStemcells;
    }

    public List<String> getPrimaryDeployments() {
        return primaryDeployments;
    }

    public void setPrimaryDeployments(List<String> primaryDeployments) {
        this.primaryDeployments = primaryDeployments;
    }

    public String getPrimaryVmCid() {
        return primaryVmCid;
    }

    public void setPrimaryVmCid(String primaryVmCid) {
        this.primaryVmCid = primaryVmCid;
    }

    public String getPrimaryAgentId() {
        return primaryAgentId;
    }

    public void setPrimaryAgentId(String primaryAgentId) {
        this.primaryAgentId = primaryAgentId;
    }

    public List<ShellAccessStatus> getShellAccess() {
        return shellAccess;
    }

    public void setShellAccess(List<ShellAccessStatus> shellAccess) {
        this.shellAccess = shellAccess;
    }

    public String getMetaStoreAside() {
        return metaStoreAside;
    }

    public void setMetaStoreAside(String metaStoreAside) {
        this.metaStoreAside = metaStoreAside;
    }

    public String getMicroStoreAside() {
        return microStoreAside;
    }

    public void setMicroStoreAside(String microStoreAside) {
        this.microStoreAside = microStoreAside;
    }

    public Integer getCopyAttempt() {
        return copyAttempt;
    }

    public void setCopyAttempt(Integer copyAttempt) {
        this.copyAttempt = copyAttempt;
    }

    public Long getCopiedBytes() {
        return copiedBytes;
    }

    public void setCopiedBytes(Long copiedBytes) {
        this.copiedBytes = copiedBytes;
    }

    public Long getCopiedFiles() {
        return copiedFiles;
    }

    public void setCopiedFiles(Long copiedFiles) {
        this.copiedFiles = copiedFiles;
    }

    public String getCopyRate() {
        return copyRate;
    }

    public void setCopyRate(String copyRate) {
        this.copyRate = copyRate;
    }

    public String getSourceChecksum() {
        return sourceChecksum;
    }

    public void setSourceChecksum(String sourceChecksum) {
        this.sourceChecksum = sourceChecksum;
    }

    public String getTargetChecksum() {
        return targetChecksum;
    }

    public void setTargetChecksum(String targetChecksum) {
        this.targetChecksum = targetChecksum;
    }

    public Boolean getCopyVerified() {
        return copyVerified;
    }

    public void setCopyVerified(Boolean copyVerified) {
        this.copyVerified = copyVerified;
    }

    public List<MigrationStepRecord> getSteps() {
        return steps;
    }

    public void setSteps(List<MigrationStepRecord> steps) {
        this.steps = steps;
    }

    public String getRefusalReason() {
        return refusalReason;
    }

    public void setRefusalReason(String refusalReason) {
        this.refusalReason = refusalReason;
    }

    public String getRefusalMessage() {
        return refusalMessage;
    }

    public void setRefusalMessage(String refusalMessage) {
        this.refusalMessage = refusalMessage;
    }

    public String getRefusalTime() {
        return refusalTime;
    }

    public void setRefusalTime(String refusalTime) {
        this.refusalTime = refusalTime;
    }

    public Long getRefusalGeneration() {
        return refusalGeneration;
    }

    public void setRefusalGeneration(Long refusalGeneration) {
        this.refusalGeneration = refusalGeneration;
    }

    public String getBlockedReason() {
        return blockedReason;
    }

    public void setBlockedReason(String blockedReason) {
        this.blockedReason = blockedReason;
    }

    public String getBlockedMessage() {
        return blockedMessage;
    }

    public void setBlockedMessage(String blockedMessage) {
        this.blockedMessage = blockedMessage;
    }

    public String getBlockedTime() {
        return blockedTime;
    }

    public void setBlockedTime(String blockedTime) {
        this.blockedTime = blockedTime;
    }

    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public Boolean getMetaStartSent() {
        return metaStartSent;
    }

    public void setMetaStartSent(Boolean metaStartSent) {
        this.metaStartSent = metaStartSent;
    }

    public AbortLeftOverStatus getAbortLeftOver() {
        return abortLeftOver;
    }

    public void setAbortLeftOver(AbortLeftOverStatus abortLeftOver) {
        this.abortLeftOver = abortLeftOver;
    }
}
