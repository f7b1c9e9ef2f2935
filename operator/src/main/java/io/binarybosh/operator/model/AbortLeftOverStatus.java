package io.binarybosh.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** What an abort left for a person: the directors it went on without, and once it finished, what to do there. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AbortLeftOverStatus {

    @JsonPropertyDescription("Directors (primary, meta, micro) whose VM the abort went on without: recreated with a host key no running director vouches for, or out of reach past the abort's deadline.")
    private List<String> unreachableVms;

    @JsonPropertyDescription("Set when the abort finished without bringing every director back: what a person must do. No new migration starts until the retry approval the Blocked condition (AbortIncomplete) names.")
    private String todo;

    public List<String> getUnreachableVms() {
        return unreachableVms;
    }

    public void setUnreachableVms(List<String> unreachableVms) {
        this.unreachableVms = unreachableVms;
    }

    public String getTodo() {
        return todo;
    }

    public void setTodo(String todo) {
        this.todo = todo;
    }
}
