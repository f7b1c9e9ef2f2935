package io.binarybosh.e2e.sim.director;

/** Raised at a checkpoint of a task that was asked to cancel. */
public final class TaskCancelled extends RuntimeException {
    public TaskCancelled(long id) {
        super("Task " + id + " cancelled");
    }
}
