package io.binarybosh.e2e.demo;

import java.io.PrintStream;

/** The demo's narration: one line each, stamped with the time since the demo started. */
final class Console {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Console(PrintStream out) {
        this.out = out;
    }

    /** A new act of the story: a blank line, then its title. */
    void act(String title) {
        synchronized (out) {
            out.println();
            line("== " + title);
        }
    }

    /** Something the demo itself does or sees in the world. */
    void say(String text) {
        line("   " + text);
    }

    /** Something the operator wrote: an event, a step, a condition. */
    void operator(String text) {
        line(" > " + text);
    }

    /** Text shown as it is, unstamped: commands to copy, a manifest. */
    void plain(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private void line(String text) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        synchronized (out) {
            out.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, text);
            out.flush();
        }
    }
}
