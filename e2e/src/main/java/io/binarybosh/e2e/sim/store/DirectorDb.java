package io.binarybosh.e2e.sim.store;

import io.binarybosh.e2e.sim.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The director's database, kept in its store so that a copy of the store carries everything: uuid,
 * deployments, tasks and their output, locks, problems, releases, stemcells, configs.
 */
public final class DirectorDb {
    private final StoreLayout layout;
    private final Tables tables;
    private final TaskRowsJson taskRows = new TaskRowsJson();
    private volatile boolean serverDown;
    private volatile java.util.function.BooleanSupplier serverProcess = () -> true;

    private DirectorDb(StoreLayout layout, Tables tables) {
        this.layout = layout;
        this.tables = tables;
    }

    /** Opens the database of a store, creating it (with a fresh uuid) if the store is empty. */
    public static DirectorDb open(StoreLayout layout) {
        layout.create();
        Tables tables;
        try {
            if (Files.exists(layout.database())) {
                tables = Json.JSON.readValue(layout.database().toFile(), Tables.class);
            } else {
                tables = new Tables();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DirectorDb db = new DirectorDb(layout, tables);
        if (tables.uuid == null) {
            db.write(t -> t.uuid = UUID.randomUUID().toString());
        }
        return db;
    }

    public StoreLayout layout() {
        return layout;
    }

    public synchronized <T> T read(Function<Tables, T> query) {
        requireServer();
        return query.apply(tables);
    }

    public synchronized void write(Consumer<Tables> change) {
        requireServer();
        change.accept(tables);
        persist();
    }

    public synchronized <T> T update(Function<Tables, T> change) {
        requireServer();
        T value = change.apply(tables);
        persist();
        return value;
    }

    /**
     * The postgres server stops (stopped, crashed, data directory gone): every query fails with the connection
     * error Sequel raises (`Sequel::DatabaseConnectionError`), until {@link #serverStarted()}. The tables are what
     * the data directory holds; they come back as they were.
     */
    public void serverStopped() {
        serverDown = true;
    }

    public void serverStarted() {
        serverDown = false;
    }

    /**
     * Where postgres is a process of its own (process mode: monit's {@code postgres}), whether it runs: the
     * database answers only while it does, as the director's connections to 127.0.0.1:5432 do.
     */
    public void serverProcess(java.util.function.BooleanSupplier running) {
        serverProcess = running;
    }

    public boolean serverDown() {
        return serverDown || !serverProcess.getAsBoolean();
    }

    private void requireServer() {
        if (serverDown()) {
            throw new DatabaseUnavailable();
        }
    }

    /** What every query raises while postgres is down (bosh's director.db points at 127.0.0.1:5432). */
    public static final class DatabaseUnavailable extends RuntimeException {
        DatabaseUnavailable() {
            super("Sequel::DatabaseConnectionError: PG::ConnectionBad: connection to server at \"127.0.0.1\", "
                    + "port 5432 failed: Connection refused");
        }
    }

    private void persist() {
        try {
            Path tmp = layout.database().resolveSibling("bosh.json.tmp");
            taskRows.retainOnly(tables.tasks);
            Json.JSON.writer().withAttribute(TaskRowsJson.CACHE, taskRows).writeValue(tmp.toFile(), tables);
            Files.move(tmp, layout.database(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void appendOutput(long taskId, String type, String text) {
        if (!"debug".equals(type) && !"cpi".equals(type)) {
            // event and result output are rows of the tasks table (TaskDBWriter); debug and cpi are files
            requireServer();
        }
        Path file = outputFile(taskId, type);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteOutputs(long taskId) {
        try {
            for (String type : new String[] {"event", "result", "debug", "cpi"}) {
                Files.deleteIfExists(outputFile(taskId, type));
            }
            Files.deleteIfExists(layout.taskDebugLog(taskId).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored output of a task, or null when there is none. */
    public byte[] output(long taskId, String type) {
        Path file = outputFile(taskId, type);
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path outputFile(long taskId, String type) {
        if ("debug".equals(type) || "cpi".equals(type)) {
            return layout.taskDebugLog(taskId).resolveSibling(type);
        }
        return layout.taskOutputs().resolve(taskId + "." + type);
    }
}
