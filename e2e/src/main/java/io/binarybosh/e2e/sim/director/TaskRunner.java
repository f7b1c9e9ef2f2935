package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.api.DirectorError;
import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The director's workers: tasks go queued → processing → done/error/cancelled. A task found `processing`
 * that no worker of this process runs (its worker died, or it came with a copied store) turns into
 * `timeout` on the first read after 180 s (scaled) without a checkpoint, as on a real director.
 */
public final class TaskRunner {
    private static final Set<String> URGENT = Set.of("vms", "ssh");

    private final DirectorDb db;
    private final Locks locks;
    private final Timings timings;
    private final Function<TaskRow, TaskJob> jobs;
    /** `director.max_tasks`: finished tasks kept per type, older ones are removed (`TaskRemover`). */
    private final int maxTasksPerType;
    private final Set<Long> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService normal;
    private final ExecutorService urgent;
    private volatile boolean killed;

    public TaskRunner(DirectorDb db, Locks locks, Timings timings, int workers, String name,
                      Function<TaskRow, TaskJob> jobs, int maxTasksPerType) {
        this.maxTasksPerType = maxTasksPerType;
        this.db = db;
        this.locks = locks;
        this.timings = timings;
        this.jobs = jobs;
        this.normal = Executors.newFixedThreadPool(Math.max(1, workers), daemon(name + "-worker"));
        this.urgent = Executors.newFixedThreadPool(2, daemon(name + "-urgent"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Picks up tasks left queued in the store (by this director before a restart, or by a copied one). */
    public void resumeQueued() {
        List<TaskRow> queued = db.read(t -> t.tasks.values().stream().filter(r -> r.state().equals("queued")).toList());
        queued.forEach(this::submit);
    }

    public long enqueue(String type, String description, String user, String deployment, String contextId,
                        JsonNode args) {
        long now = System.currentTimeMillis();
        TaskRow row = db.update(t -> {
            long id = ++t.lastTaskId;
            TaskRow r = new TaskRow(id, "queued", description, type, now, null, null, user, deployment,
                    contextId == null ? "" : contextId, now, args);
            t.tasks.put(id, r);
            return r;
        });
        submit(row);
        removeOldTasks(type);
        return row.id();
    }

    private void removeOldTasks(String type) {
        List<Long> old = db.read(t -> {
            List<Long> finished = t.tasks.values().stream()
                    .filter(r -> r.type().equals(type) && !r.isRunning())
                    .map(TaskRow::id).sorted().toList();
            return List.copyOf(finished.subList(0, Math.max(0, finished.size() - maxTasksPerType)));
        });
        if (!old.isEmpty()) {
            db.write(t -> old.forEach(t.tasks::remove));
            old.forEach(db::deleteOutputs);
        }
    }

    private void submit(TaskRow row) {
        try {
            (URGENT.contains(row.type()) ? urgent : normal).submit(() -> run(row.id()));
        } catch (RejectedExecutionException e) {
            // the director is shutting down; the task stays queued in the store
        }
    }

    private void run(long id) {
        if (killed) {
            return;
        }
        long now = System.currentTimeMillis();
        TaskRow row = db.update(t -> {
            TaskRow r = t.tasks.get(id);
            if (r != null && r.state().equals("queued")) {
                r = r.started(now);
                t.tasks.put(id, r);
            }
            return r;
        });
        if (row == null) {
            return;
        }
        if (row.state().equals("cancelling")) {
            finish(id, "cancelled", "task cancelled");
            return;
        }
        if (!row.state().equals("processing")) {
            return;
        }
        active.add(id);
        TaskContext ctx = new TaskContext(id, db, locks, timings);
        try {
            ctx.debug("Starting task: " + id);
            String result = jobs.apply(row).run(ctx);
            finishUnlessKilled(ctx, id, "done", result);
        } catch (TaskCancelled e) {
            finishUnlessKilled(ctx, id, "cancelled", "task cancelled");
        } catch (DirectorError e) {
            if (!killed) {
                ctx.errorEvent(e.code(), e.getMessage());
            }
            finishUnlessKilled(ctx, id, "error", e.getMessage());
        } catch (RuntimeException e) {
            if (!killed) {
                ctx.errorEvent(100, String.valueOf(e.getMessage()));
            }
            finishUnlessKilled(ctx, id, "error", String.valueOf(e.getMessage()));
        } finally {
            active.remove(id);
        }
    }

    /** A killed director writes nothing more: its tasks stay `processing` and its locks stay in the store. */
    private void finishUnlessKilled(TaskContext ctx, long id, String state, String result) {
        if (killed) {
            return;
        }
        ctx.releaseLocks();
        finish(id, state, result);
    }

    private void finish(long id, String state, String result) {
        long now = System.currentTimeMillis();
        db.write(t -> t.tasks.computeIfPresent(id, (k, r) -> r.finished(state, result, now)));
    }

    public void cancel(long id) {
        db.write(t -> {
            TaskRow r = t.tasks.get(id);
            if (r == null) {
                throw DirectorError.taskNotFound(Long.toString(id));
            }
            if (!r.state().equals("queued") && !r.state().equals("processing")) {
                throw new DirectorError(10001, 400, "Cannot cancel task " + id + ": invalid state (" + r.state() + ")");
            }
            t.tasks.put(id, r.withState("cancelling"));
        });
    }

    /** Applies the lazy `timeout` rule to every task before it is shown. */
    public void refreshTimeouts() {
        long cutoff = System.currentTimeMillis() - timings.taskCheckpointTimeout().toMillis();
        boolean any = db.read(t -> t.tasks.values().stream().anyMatch(r -> timedOut(r, cutoff)));
        if (any) {
            // `task.state = :timeout; task.save` (ctl/tasks_controller.rb): the timestamp stays the start time
            db.write(t -> t.tasks.replaceAll((k, r) -> timedOut(r, cutoff) ? r.withState("timeout") : r));
        }
    }

    private boolean timedOut(TaskRow r, long cutoff) {
        return (r.state().equals("processing") || r.state().equals("cancelling"))
                && !active.contains(r.id()) && r.checkpointAtMillis() < cutoff;
    }

    public void kill() {
        killed = true;
        normal.shutdownNow();
        urgent.shutdownNow();
        // interrupted workers may still be writing the store; a dead process writes nothing more
        try {
            normal.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            urgent.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
