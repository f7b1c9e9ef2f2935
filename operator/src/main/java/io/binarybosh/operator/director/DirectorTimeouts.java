package io.binarybosh.operator.director;

import java.time.Duration;
import java.util.Objects;

/** Connect, read and whole-call limits for every request to one director. */
public record DirectorTimeouts(Duration connect, Duration read, Duration call) {

    public DirectorTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(call, "call");
    }

    public static DirectorTimeouts defaults() {
        return new DirectorTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
}
