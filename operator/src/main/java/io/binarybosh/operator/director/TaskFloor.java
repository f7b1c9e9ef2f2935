package io.binarybosh.operator.director;

import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskQuery;

import java.util.List;

/**
 * The highest task id a deployment has now: a task started later has a higher one. {@code GET /tasks} is ordered
 * by {@code timestamp}, which changes when a task starts and when it ends (bosh {@code ctl/tasks_controller.rb},
 * {@code dir/job_runner.rb}), so the first task of a page is the one that changed last, not the newest: the floor
 * is the highest id over a wide window.
 */
public final class TaskFloor {

    /** More tasks than can change state on one deployment between the newest task's start and this call. */
    public static final int WINDOW = 200;

    private TaskFloor() {
    }

    /** 0 when the deployment has no task. */
    public static long of(DirectorReads client, String deployment) {
        return highest(client.tasks(new TaskQuery(List.of(), deployment, null, WINDOW, true)));
    }

    static long highest(List<Task> tasks) {
        return tasks.stream().mapToLong(Task::id).max().orElse(0);
    }
}
