package io.binarybosh.e2e.bench;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One line on stderr per step: stdout carries the operator's log, which bin/bench sends to a file. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.err.println(LocalTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " bench: "
                + String.format(Locale.ROOT, format, args));
    }
}
