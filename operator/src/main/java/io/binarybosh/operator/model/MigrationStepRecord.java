package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One completed step of a migration, for the record of the whole run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MigrationStepRecord {

    @JsonPropertyDescription("The step, as status.operation.step named it.")
    private String step;

    @JsonPropertyDescription("When the step started (RFC 3339).")
    private String startedTime;

    @JsonPropertyDescription("When it ended and the next began (RFC 3339).")
    private String finishedTime;

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

    public String getFinishedTime() {
        return finishedTime;
    }

    public void setFinishedTime(String finishedTime) {
        this.finishedTime = finishedTime;
    }
}
