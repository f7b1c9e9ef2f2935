package io.binarybosh.operator.shell;

import static io.binarybosh.operator.shell.VmCommands.quote;

/**
 * A long command on a VM that ends by itself: run under coreutils {@code timeout} (TERM at the limit, KILL
 * {@value #KILL_AFTER_SECONDS}s later, to its whole process group, which {@code timeout} leads), its pid kept in a
 * file. Closing the ssh channel that started it does not stop it (there is no terminal to hang up), so a new run
 * first kills the one the pid file names, if that process is still one of ours: a retry never reads a store twice
 * at once, and never lets an old listing finish over a new one.
 */
final class TimedJob {

    static final int KILL_AFTER_SECONDS = 10;
    /** An argument of every such job's {@code timeout}: how a pid in a file is known to still be ours. */
    static final String TAG = "binarybosh-job";

    private TimedJob() {
    }

    /** Kills the process group the pid file names when its leader is one of ours, and removes the file. */
    static String stopEarlier(String pidFile) {
        String file = quote(pidFile);
        return "if [ -f " + file + " ]; then p=$(cat " + file + "); case $p in ''|*[!0-9]*) ;; *) "
                + "if { tr '\\0' ' ' < /proc/$p/cmdline; } 2>/dev/null | grep -q -- ' " + TAG + " *$'; then "
                + "kill -KILL -$p 2>/dev/null || kill -KILL $p 2>/dev/null; sleep 0.2; fi;; esac; rm -f " + file
                + "; fi; ";
    }

    /** {@code script} under timeout, as the process whose pid is the current shell's (it is exec'd). */
    static String exec(String pidFile, int limitSeconds, String script) {
        return "echo $$ > " + quote(pidFile) + " && exec " + command(limitSeconds, script);
    }

    /** The timeout command line running {@code script}, the tag as its {@code $0}. */
    static String command(int limitSeconds, String script) {
        if (limitSeconds <= 0) {
            throw new IllegalArgumentException("a time limit must be positive: " + limitSeconds);
        }
        return "timeout -k " + KILL_AFTER_SECONDS + " " + limitSeconds + " sh -c " + quote(script) + " " + TAG;
    }
}
