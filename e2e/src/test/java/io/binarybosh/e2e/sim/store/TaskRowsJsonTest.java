package io.binarybosh.e2e.sim.store;

import io.binarybosh.e2e.sim.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRowsJsonTest {

    @TempDir
    Path dir;

    @Test
    void theStoresFileIsWhatSerializingEveryRowGivesAfterEveryKindOfChange() throws Exception {
        DirectorDb db = DirectorDb.open(new StoreLayout(dir));
        for (long id = 1; id <= 5; id++) {
            long taskId = id;
            db.write(t -> t.tasks.put(taskId, row(taskId, "queued")));
            assertFileIsPlainSerialization(db);
        }
        db.write(t -> t.tasks.computeIfPresent(2L, (k, r) -> r.started(2_000)));
        assertFileIsPlainSerialization(db);
        db.write(t -> t.tasks.computeIfPresent(2L, (k, r) -> r.finished("done", "{\"ok\":true}", 3_000)));
        assertFileIsPlainSerialization(db);
        db.write(t -> t.tasks.remove(1L));
        assertFileIsPlainSerialization(db);
        db.write(t -> t.tasks.replaceAll((k, r) -> k == 4 ? r.withState("timeout") : r));
        assertFileIsPlainSerialization(db);
        db.write(t -> t.resurrectionPaused = true);
        assertFileIsPlainSerialization(db);

        Tables reopened = Json.JSON.readValue(db.layout().database().toFile(), Tables.class);
        assertThat(reopened.tasks.keySet()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(reopened.tasks.get(2L).state()).isEqualTo("done");
        assertThat(reopened.tasks.get(4L).state()).isEqualTo("timeout");
    }

    private static void assertFileIsPlainSerialization(DirectorDb db) throws Exception {
        String plain = db.read(Json::write);
        assertThat(Files.readString(db.layout().database())).isEqualTo(plain);
    }

    private static TaskRow row(long id, String state) {
        return new TaskRow(id, state, "retrieve vm-stats", "vms", 1_000L, null, null, "admin", "bosh", "",
                1_000L, Json.read("{\"format\":\"full\",\"deployment\":\"bosh\"}"));
    }
}
