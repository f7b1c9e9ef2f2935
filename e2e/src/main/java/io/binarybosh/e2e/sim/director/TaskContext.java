package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.Timings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** What a running task can do: write event, result and debug output, checkpoint, hold a deployment lock. */
public final class TaskContext {
    private final long id;
    private final DirectorDb db;
    private final Locks locks;
    private final Timings timings;
    private boolean holdsLock;

    TaskContext(long id, DirectorDb db, Locks locks, Timings timings) {
        this.id = id;
        this.db = db;
        this.locks = locks;
        this.timings = timings;
    }

    public long id() {
        return id;
    }

    public TaskRow task() {
        return db.read(t -> t.tasks.get(id));
    }

    /** Marks progress, renews held locks, and raises {@link TaskCancelled} if a cancel was requested. */
    public void checkpoint() {
        long now = System.currentTimeMillis();
        TaskRow row = db.update(t -> {
            TaskRow r = t.tasks.get(id).checkpoint(now);
            t.tasks.put(id, r);
            return r;
        });
        if (holdsLock) {
            locks.renew(id);
        }
        if ("cancelling".equals(row.state())) {
            throw new TaskCancelled(id);
        }
    }

    /** One simulated step of real work (a CPI call, a job start). */
    public void step() {
        sleep(timings.step());
        checkpoint();
    }

    /** Simulated work takes (scaled) time: the sleep is what is being modelled. */
    public void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelled(id);
        }
    }

    public void lock(String deployment, Duration wait, String failureMessage) {
        locks.acquire(deployment, id, wait, failureMessage);
        holdsLock = true;
    }

    void releaseLocks() {
        if (holdsLock) {
            locks.release(id);
            holdsLock = false;
        }
    }

    public void event(String stage, List<String> tags, int total, String task, int index, String state, String error) {
        ObjectNode e = Json.object();
        e.put("time", Instant.now().getEpochSecond());
        e.put("stage", stage);
        tags.forEach(e.putArray("tags")::add);
        if (tags.isEmpty()) {
            e.putArray("tags");
        }
        e.put("total", total);
        e.put("task", task);
        e.put("index", index);
        e.put("state", state);
        e.put("progress", "started".equals(state) ? 0 : 100);
        if (error != null) {
            e.putObject("data").put("error", error);
        }
        db.appendOutput(id, "event", Json.write(e) + "\n");
    }

    /** Runs one tracked item of a stage: a `started` event, the work, then `finished` or `failed`. */
    public <T> T track(String stage, List<String> tags, int total, int index, String task, Supplier<T> work) {
        event(stage, tags, total, task, index, "started", null);
        try {
            T value = work.get();
            event(stage, tags, total, task, index, "finished", null);
            return value;
        } catch (RuntimeException e) {
            event(stage, tags, total, task, index, "failed", e.getMessage());
            throw e;
        }
    }

    public void track(String stage, List<String> tags, int total, int index, String task, Runnable work) {
        track(stage, tags, total, index, task, () -> {
            work.run();
            return null;
        });
    }

    void errorEvent(int code, String message) {
        ObjectNode e = Json.object();
        e.put("time", Instant.now().getEpochSecond());
        e.putObject("error").put("code", code).put("message", message);
        db.appendOutput(id, "event", Json.write(e) + "\n");
    }

    public void warning(String message) {
        ObjectNode e = Json.object();
        e.put("time", Instant.now().getEpochSecond());
        e.put("type", "warning");
        e.put("message", message);
        db.appendOutput(id, "event", Json.write(e) + "\n");
    }

    public void result(String line) {
        db.appendOutput(id, "result", line.endsWith("\n") ? line : line + "\n");
    }

    public void debug(String line) {
        db.appendOutput(id, "debug", "D, [" + Instant.now() + "] DEBUG -- DirectorJobRunner: " + line + "\n");
    }
}
