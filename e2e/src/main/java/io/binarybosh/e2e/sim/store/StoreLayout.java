package io.binarybosh.e2e.sim.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a director keeps things inside its store, laid out like /var/vcap/store on a real director VM. */
public record StoreLayout(Path root, String postgresDirectory) {
    public static final String POSTGRES_DIR = "postgres-15";

    /** A store of the bosh release's current postgres job (postgres-15). */
    public StoreLayout(Path root) {
        this(root, POSTGRES_DIR);
    }

    public Path postgres() { return root.resolve(postgresDirectory); }

    /** The simulated `bosh` database: every table in one JSON document. */
    public Path database() { return postgres().resolve("bosh.json"); }

    public Path taskOutputs() { return postgres().resolve("task_outputs"); }

    public Path blobstore() { return root.resolve("blobstore").resolve("store"); }

    public Path directorDir() { return root.resolve("director"); }

    public Path taskDebugLog(long taskId) { return directorDir().resolve("tasks").resolve(Long.toString(taskId)).resolve("debug"); }

    public void create() {
        try {
            Files.createDirectories(taskOutputs());
            Files.createDirectories(blobstore());
            Files.createDirectories(directorDir().resolve("tasks"));
            Path version = postgres().resolve("PG_VERSION");
            if (!Files.exists(version)) {
                Files.writeString(version, postgresDirectory.substring("postgres-".length()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
