package io.binarybosh.operator.director.client;

import io.binarybosh.operator.director.DirectorResponseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the task id from the {@code Location} of the redirect a task-creating call answers. */
final class TaskIds {

    private static final Pattern TASK_PATH = Pattern.compile("/tasks/(\\d+)/?(?:[?#].*)?$");

    private TaskIds() {
    }

    static long fromLocation(String location, String answered) {
        if (location == null) {
            throw new DirectorResponseException(answered + " with a redirect without Location");
        }
        Matcher matcher = TASK_PATH.matcher(location);
        if (!matcher.find()) {
            throw new DirectorResponseException(answered + " with a redirect that is not to /tasks/<id>");
        }
        try {
            return Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new DirectorResponseException(answered + " with a task id out of range");
        }
    }
}
