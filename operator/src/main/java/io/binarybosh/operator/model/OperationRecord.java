package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;


/** A completed operation, kept in the bounded history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OperationRecord {

    @JsonPropertyDescription("Id of the operation.")
    private String id;

    // The CRD's text lists the OperationType and OperationResult values (crd.CrdFinisher), not these placeholders.
    @JsonPropertyDescription("What the operation did: an OperationType, e.g. Migration or Repair.")
    private String type;

    @JsonPropertyDescription("How it ended: an OperationResult, e.g. Succeeded or Failed.")
    private String result;

    @JsonPropertyDescription("When it started (RFC 3339).")
    private String startedTime;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finishedTime;

    @JsonPropertyDescription("How it ended, in words.")
    private String message;

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

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public String getStartedTime() {
        return startedTime;
    }

    public void setStartedTime(String startedTime) {
        this.startedTime = startedTime;
    }

    public String getFinishedTime() {
        return finishedTime;
    }

    public void setFinishedTime(String finishedTime) {
        this.finishedTime = finishedTime;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
