package io.binarybosh.e2e.bench;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** One line on stderr per step: stdout carries the operator's log, which bin/bench sends to a file. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.println(LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + " bench: "
                + String.format(Locale.ROOT, format, args));
    }
}
