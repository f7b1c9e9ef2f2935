package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Timings;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.LockRow;
import io.binarybosh.e2e.sim.store.TaskRow;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployment locks as rows of the database: a lock is held while its row exists and has not expired;
 * a copied store therefore blocks the copy until the copied rows expire.
 */
public final class Locks {
    public static final String SCAN_LOCK_ERROR =
            "Unable to get deployment lock, maybe a deployment is in progress. Try again later.";
    private final DirectorDb db;
    private final Timings timings;

    public Locks(DirectorDb db, Timings timings) {
        this.db = db;
        this.timings = timings;
    }

    public static String name(String deployment) {
        return "lock:deployment:" + deployment;
    }

    /** Takes the lock or throws, after waiting at most {@code wait}; {@code null} message means deploy wording. */
    public void acquire(String deployment, long taskId, Duration wait, String failure) {
        long deadline = System.nanoTime() + wait.toNanos();
        String uid = UUID.randomUUID().toString();
        while (true) {
            Optional<LockRow> holder = tryAcquire(deployment, taskId, uid);
            if (holder.isEmpty()) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                LockRow h = holder.get();
                if (failure != null) {
                    throw new DirectorError(100, 500, failure);
                }
                String description = db.read(t -> {
                    TaskRow task = t.tasks.get(h.taskId());
                    return task == null ? "" : task.description();
                });
                throw new DirectorError(100, 500, "Failed to acquire lock for " + h.name() + " uid: " + h.uid()
                        + ". Locking task id is " + h.taskId() + ", description: '" + description + "'");
            }
            // As the director's own lock loop: try again at intervals until the lock timeout.
            sleep(Math.max(1, Math.min(100, wait.toMillis() / 10)));
        }
    }

    private Optional<LockRow> tryAcquire(String deployment, long taskId, String uid) {
        String name = name(deployment);
        long now = System.currentTimeMillis();
        return db.update(t -> {
            Optional<LockRow> existing = t.locks.stream().filter(l -> l.name().equals(name)).findFirst();
            if (existing.isPresent() && existing.get().expiresAtMillis() > now) {
                return existing;
            }
            t.locks.removeIf(l -> l.name().equals(name));
            t.locks.add(new LockRow(name, "deployment", deployment, now + timings.lockExpiry().toMillis(), taskId, uid));
            return Optional.<LockRow>empty();
        });
    }

    public void renew(long taskId) {
        long until = System.currentTimeMillis() + timings.lockExpiry().toMillis();
        db.write(t -> t.locks.replaceAll(l -> l.taskId() == taskId ? l.renewed(until) : l));
    }

    public void release(long taskId) {
        db.write(t -> t.locks.removeIf(l -> l.taskId() == taskId));
    }

    public boolean isLocked(String deployment) {
        String name = name(deployment);
        long now = System.currentTimeMillis();
        return db.read(t -> t.locks.stream().anyMatch(l -> l.name().equals(name) && l.expiresAtMillis() > now));
    }

    /** What `GET /locks` does first: drop rows that expired more than 60 s (scaled) ago. */
    public void pruneExpired() {
        long cutoff = System.currentTimeMillis() - timings.seconds(60).toMillis();
        db.write(t -> t.locks.removeIf(l -> l.expiresAtMillis() < cutoff));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectorError(100, 500, "interrupted");
        }
    }
}
