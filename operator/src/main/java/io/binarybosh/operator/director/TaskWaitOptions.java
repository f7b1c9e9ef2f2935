package io.binarybosh.operator.director;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How to wait for a task: the overall deadline, a cancel request checked at every poll (the task is then
 * cancelled with {@code DELETE /task/:id} and the wait goes on until it is {@code cancelled}), whether to cancel
 * the task when the deadline passes, a listener that sees every event as it arrives, and whether the events are read
 * at all (a task read for its result alone, such as the agent check's {@code retrieve vm-stats}, needs none: its
 * failure is in the task's {@code result}).
 */
public record TaskWaitOptions(Duration timeout, BooleanSupplier cancelRequested, boolean cancelOnDeadline,
                              Consumer<TaskEvent> listener, boolean readEvents) {

    public TaskWaitOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancelRequested, "cancelRequested");
        Objects.requireNonNull(listener, "listener");
    }

    public static TaskWaitOptions timeout(Duration timeout) {
        return new TaskWaitOptions(timeout, () -> false, false, event -> { }, true);
    }

    /** Waits for the state and the result only: one request per look instead of two. */
    public TaskWaitOptions withoutEvents() {
        return new TaskWaitOptions(timeout, cancelRequested, cancelOnDeadline, listener, false);
    }

    public TaskWaitOptions withCancelRequested(BooleanSupplier newCancelRequested) {
        return new TaskWaitOptions(timeout, newCancelRequested, cancelOnDeadline, listener, readEvents);
    }

    public TaskWaitOptions withCancelOnDeadline(boolean cancel) {
        return new TaskWaitOptions(timeout, cancelRequested, cancel, listener, readEvents);
    }

    public TaskWaitOptions withListener(Consumer<TaskEvent> newListener) {
        return new TaskWaitOptions(timeout, cancelRequested, cancelOnDeadline, newListener, readEvents);
    }
}
