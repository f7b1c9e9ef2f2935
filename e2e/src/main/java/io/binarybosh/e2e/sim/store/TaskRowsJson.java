package io.binarybosh.e2e.sim.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.binarybosh.e2e.sim.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The tasks table as the store's file holds it, each row written as the JSON it had the last time the file was
 * written unless the row changed since (rows are immutable records: a change is a new row). The file then holds
 * exactly what serializing every row would give, and a write of the database costs a copy of the unchanged rows'
 * text instead of serializing up to {@code max_tasks} rows of every type again. Rows written without a cache (the
 * serializer's attribute absent) are serialized as usual.
 */
final class TaskRowsJson {

    /** The {@link com.fasterxml.jackson.databind.ObjectWriter} attribute under which a database passes its cache. */
    static final Object CACHE = TaskRowsJson.class;

    private record Written(TaskRow row, String json) {
    }

    private final Map<Long, Written> rows = new HashMap<>();

    /** Forgets the rows no longer in the table; called before each write of the file, under the database's lock. */
    void retainOnly(Map<Long, TaskRow> tasks) {
        rows.keySet().retainAll(tasks.keySet());
    }

    String json(TaskRow row) {
        Written written = rows.get(row.id());
        if (written == null || written.row() != row) {
            try {
                written = new Written(row, Json.JSON.writeValueAsString(row));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            rows.put(row.id(), written);
        }
        return written.json();
    }

    /** The serializer of {@link Tables#tasks}: an object of rows by id, as Jackson writes a map. */
    static final class Serializer extends JsonSerializer<Map<Long, TaskRow>> {
        @Override
        public void serialize(Map<Long, TaskRow> tasks, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            TaskRowsJson cache = (TaskRowsJson) provider.getAttribute(CACHE);
            out.writeStartObject();
            for (Map.Entry<Long, TaskRow> task : tasks.entrySet()) {
                out.writeFieldName(String.valueOf(task.getKey()));
                if (cache == null) {
                    provider.defaultSerializeValue(task.getValue(), out);
                } else {
                    out.writeRawValue(cache.json(task.getValue()));
                }
            }
            out.writeEndObject();
        }
    }
}
