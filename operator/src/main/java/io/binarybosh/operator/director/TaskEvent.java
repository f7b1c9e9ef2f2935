package io.binarybosh.operator.director;

import java.util.List;
import java.util.Map;

/**
 * One line of a task's event output ({@code ?type=event}). Progress lines carry stage, task, index, total,
 * state ({@code started}, {@code in_progress}, {@code finished}, {@code failed}) and progress; error lines carry
 * {@code error}; warnings and deprecations carry {@code type} and {@code message}.
 */
public record TaskEvent(Long time, String stage, List<String> tags, Integer total, String task, Integer index,
                        String state, Integer progress, Map<String, Object> data, Error error, String type,
                        String message) {

    public TaskEvent {
        tags = tags == null ? List.of() : List.copyOf(tags);
        data = data == null ? Map.of() : data;
    }

    /** An {@code error} line, or a step that {@code failed}. */
    public boolean isFailure() {
        return error != null || "failed".equals(state);
    }

    public boolean isWarning() {
        return "warning".equals(type) || "deprecation".equals(type);
    }

    /** The director's error message of a failure line, or null. */
    public String failureMessage() {
        if (error != null) {
            return error.message();
        }
        Object dataError = data.get("error");
        if ("failed".equals(state)) {
            return dataError == null ? stage + ": " + task + " failed" : String.valueOf(dataError);
        }
        return null;
    }

    public record Error(Integer code, String message) {
    }
}
