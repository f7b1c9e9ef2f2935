package io.binarybosh.e2e.sim.director;

/** The body of a task; returns the task's `result` text. */
@FunctionalInterface
public interface TaskJob {
    String run(TaskContext ctx);
}
