package io.binarybosh.operator.director;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How to wait for a task: the overall deadline, a cancel request checked at every poll (the task is then
 * cancelled with {@code DELETE /task/:id} and the wait goes on until it is {@code cancelled}), whether to cancel
 * the task when the deadline passes, and a listener that sees every event as it arrives.
 */
public record TaskWaitOptions(Duration timeout, BooleanSupplier cancelRequested, boolean cancelOnDeadline,
                              Consumer<TaskEvent> listener) {

    public TaskWaitOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancelRequested, "cancelRequested");
        Objects.requireNonNull(listener, "listener");
    }

    public static TaskWaitOptions timeout(Duration timeout) {
        return new TaskWaitOptions(timeout, () -> false, false, event -> { });
    }

    public TaskWaitOptions withCancelRequested(BooleanSupplier newCancelRequested) {
        return new TaskWaitOptions(timeout, newCancelRequested, cancelOnDeadline, listener);
    }

    public TaskWaitOptions withCancelOnDeadline(boolean cancel) {
        return new TaskWaitOptions(timeout, cancelRequested, cancel, listener);
    }

    public TaskWaitOptions withListener(Consumer<TaskEvent> newListener) {
        return new TaskWaitOptions(timeout, cancelRequested, cancelOnDeadline, newListener);
    }
}
