package io.binarybosh.operator.director;

import java.time.Duration;

/** Waits between retries and task polls; tests substitute one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
