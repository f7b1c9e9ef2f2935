package io.binarybosh.operator.director.tasks;

import io.binarybosh.operator.director.TaskEvent;
import io.binarybosh.operator.director.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts event output into lines as bytes arrive. A partial line is kept until its newline comes, and bytes are
 * decoded per complete line so a multi-byte character split across two reads stays intact.
 */
public final class TaskEventLog {

    private static final Logger LOG = LoggerFactory.getLogger(TaskEventLog.class);

    private final Json json;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;
    private int skipped;

    public TaskEventLog(Json json) {
        this.json = json;
    }

    /** Where the next {@code Range: bytes=N-} read starts. */
    public long offset() {
        return offset;
    }

    /** Lines that were not JSON and were left out. */
    public int skipped() {
        return skipped;
    }

    /** Takes the bytes read from {@link #offset()} and returns the events of the lines they complete. */
    public List<TaskEvent> append(byte[] bytes) {
        offset += bytes.length;
        List<TaskEvent> events = new ArrayList<>();
        for (byte b : bytes) {
            if (b == '\n') {
                parse(partial.toString(StandardCharsets.UTF_8)).ifPresent(events::add);
                partial.reset();
            } else {
                partial.write(b);
            }
        }
        return events;
    }

    /** The last line when the output did not end with a newline; called once the task is finished. */
    public List<TaskEvent> flush() {
        List<TaskEvent> events = new ArrayList<>();
        if (partial.size() > 0) {
            parse(partial.toString(StandardCharsets.UTF_8)).ifPresent(events::add);
            partial.reset();
        }
        return events;
    }

    private java.util.Optional<TaskEvent> parse(String line) {
        if (line.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(json.mapper().readValue(line, TaskEvent.class));
        } catch (java.io.IOException e) {
            skipped++;
            LOG.debug("Skipped an event line that is not a JSON event ({} so far)", skipped);
            return java.util.Optional.empty();
        }
    }
}
