package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.binarybosh.e2e.sim.director.Locks;
import io.binarybosh.e2e.sim.director.TaskRunner;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.StoreLayout;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunnerTest {

    @Test
    void keepsAtMostMaxTasksFinishedTasksPerTypeWithTheirOutput(@TempDir Path dir) {
        DirectorDb db = DirectorDb.open(new StoreLayout(dir));
        Timings timings = new Timings(0.01);
        TaskRunner runner = new TaskRunner(db, new Locks(db, timings), timings, 1, "test", row -> ctx -> {
            ctx.result("line");
            return "ok";
        }, 3);
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long id = runner.enqueue("vms", "retrieve vm-stats", "admin", "d", "", Json.object());
                ids.add(id);
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                        .until(() -> !db.read(t -> t.tasks.get(id)).isRunning());
            }
            List<Long> kept = db.read(t -> t.tasks.values().stream().map(TaskRow::id).sorted().toList());
            assertThat(kept).containsExactly(ids.get(2), ids.get(3), ids.get(4), ids.get(5));
            assertThat(db.output(ids.get(0), "result")).isNull();
            assertThat(db.output(ids.get(5), "result")).isNotNull();
        } finally {
            runner.kill();
        }
    }
}
