package io.binarybosh.operator.director.tasks;

import io.binarybosh.operator.director.TaskEvent;
import io.binarybosh.operator.director.TaskWaitOptions;
import io.binarybosh.operator.director.TaskResult;
import io.binarybosh.operator.director.DirectorApiException;
import io.binarybosh.operator.director.DirectorException;
import io.binarybosh.operator.director.DirectorTaskDeadlineException;
import io.binarybosh.operator.director.DirectorTaskFailedException;
import io.binarybosh.operator.director.Sleeper;
import io.binarybosh.operator.director.http.Json;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskOutputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for a task the way the CLI does: poll {@code GET /tasks/:id}, read new event bytes with
 * {@code Range: bytes=N-}, stop at a final state. Only {@code done} is success; {@code error}, {@code cancelled}
 * and {@code timeout} end in {@link DirectorTaskFailedException} with the director's message.
 */
public final class TaskWaiter {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWaiter.class);
    /**
     * The first wait between looks, doubled up to the poll interval: a short task (an agent check takes
     * milliseconds) is seen ended soon instead of a whole interval later, while the thread waits for it.
     */
    static final Duration FIRST_WAIT = Duration.ofMillis(100);

    private final TaskApi api;
    private final Json json;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    public TaskWaiter(TaskApi api, Json json, Clock clock, Sleeper sleeper, Duration pollInterval) {
        this.api = api;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
    }

    public TaskResult await(long taskId, TaskWaitOptions options) {
        Instant deadline = clock.instant().plus(options.timeout());
        TaskEventLog log = new TaskEventLog(json);
        List<TaskEvent> events = new ArrayList<>();
        boolean cancelSent = false;
        Duration nextWait = min(FIRST_WAIT, pollInterval);
        while (true) {
            Task task = api.task(taskId);
            // Events after the state: a task seen finished has written all its events already.
            if (options.readEvents()) {
                readEvents(taskId, log, events, options);
            }
            if (task.state().isFinished()) {
                log.flush().forEach(e -> deliver(e, events, options));
                return finish(task, events);
            }
            if (!cancelSent && options.cancelRequested().getAsBoolean()) {
                cancel(taskId, "a cancel was requested");
                cancelSent = true;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                if (options.cancelOnDeadline() && !cancelSent) {
                    cancel(taskId, "its deadline passed");
                }
                throw new DirectorTaskDeadlineException("Task " + taskId + " ('" + task.description()
                        + "') is still " + task.state().wire() + " after " + options.timeout().toSeconds() + " s",
                        taskId, task.state());
            }
            sleep(min(nextWait, Duration.between(now, deadline)), taskId);
            nextWait = min(nextWait.multipliedBy(2), pollInterval);
        }
    }

    private TaskResult finish(Task task, List<TaskEvent> events) {
        LOG.debug("Task {} ('{}') ended {} after {} events", task.id(), task.description(), task.state().wire(),
                events.size());
        if (task.state().isSuccess()) {
            return new TaskResult(task, events, api.result(task.id()));
        }
        String message = events.stream().filter(TaskEvent::isFailure).reduce((a, b) -> b)
                .map(TaskEvent::failureMessage).orElse(task.result());
        throw new DirectorTaskFailedException("Task " + task.id() + " ('" + task.description() + "') ended "
                + task.state().wire() + (message == null || message.isBlank() ? "" : ": " + message), task, message);
    }

    private void readEvents(long taskId, TaskEventLog log, List<TaskEvent> events, TaskWaitOptions options) {
        byte[] bytes = api.outputFrom(taskId, TaskOutputType.EVENT, log.offset());
        if (bytes.length > 0) {
            log.append(bytes).forEach(e -> deliver(e, events, options));
        }
    }

    private static void deliver(TaskEvent event, List<TaskEvent> events, TaskWaitOptions options) {
        events.add(event);
        options.listener().accept(event);
    }

    private void cancel(long taskId, String why) {
        LOG.debug("Cancelling task {}: {}", taskId, why);
        try {
            api.cancel(taskId);
        } catch (DirectorApiException e) {
            // 400 "Cannot cancel task N: invalid state": it finished meanwhile; the next poll sees how.
            LOG.debug("Task {} could not be cancelled: {}", taskId, e.getMessage());
        }
    }

    private void sleep(Duration duration, long taskId) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectorException("Interrupted while waiting for task " + taskId);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
