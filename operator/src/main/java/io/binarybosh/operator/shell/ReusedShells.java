package io.binarybosh.operator.shell;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lends a closed shell again to the next opener of the same target within {@link #REUSE_WITHIN} of its login: a
 * migration's steps follow one another within milliseconds, and a login costs both ends a key exchange and the VM a
 * session (sshd's processes, PAM, a line in auth.log). The bound is from the login, not from the last use: a session
 * keeps what the login gave it (the user's groups, hence what sudo allows), and a fix made on the VM since must be
 * seen by the next login at the latest {@link #REUSE_WITHIN} later. Only a shell whose commands all ran is lent
 * again: one whose command failed or timed out is closed with every other shell kept for its target, one whose
 * connection closed is closed. A target is the whole login (host, port, user, key, pinned host key), so that a
 * changed key or pinned host key logs in afresh.
 */
public final class ReusedShells implements ShellFactory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReusedShells.class);
    /** How long after its login a shell may be lent again. */
    static final Duration REUSE_WITHIN = Duration.ofSeconds(10);
    /** A sweep comes this long after the login it is for has expired, so that it finds it expired. */
    static final long SWEEP_LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Closed shells kept per target: a step opens at most two on one VM at once. */
    static final int KEPT_PER_TARGET = 2;

    private final ShellFactory logins;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService sweeper;
    /** Guarded by this; each deque oldest first. */
    private final Map<SshTarget, Deque<Kept>> kept = new HashMap<>();
    private boolean closed;

    public ReusedShells(ShellFactory logins) {
        this(logins, System::nanoTime, sweeperThread());
    }

    /** One thread, started when a shell is kept and ended once nothing has been kept for a while. */
    private static ScheduledExecutorService sweeperThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "ssh-kept-shells");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(REUSE_WITHIN.toSeconds(), TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    ReusedShells(ShellFactory logins, LongSupplier nanoTime, ScheduledExecutorService sweeper) {
        this.logins = logins;
        this.nanoTime = nanoTime;
        this.sweeper = sweeper;
    }

    @Override
    public Shell open(SshTarget target) {
        Kept reused = take(target);
        if (reused != null) {
            LOG.debug("ssh login to {}@{}:{} reused", target.user(), target.host(), target.port());
            return new Lent(target, reused.shell(), reused.loggedInAt());
        }
        return new Lent(target, logins.open(target), nanoTime.getAsLong());
    }

    /** The most recently closed kept shell of {@code target} that is still connected and fresh, or null. */
    private Kept take(SshTarget target) {
        List<Shell> stale = new ArrayList<>();
        Kept found = null;
        synchronized (this) {
            Deque<Kept> shells = kept.get(target);
            while (found == null && shells != null && !shells.isEmpty()) {
                Kept last = shells.pollLast();
                if (fresh(last) && last.shell().connected()) {
                    found = last;
                } else {
                    stale.add(last.shell());
                }
            }
            if (shells != null && shells.isEmpty()) {
                kept.remove(target);
            }
        }
        stale.forEach(ReusedShells::closeQuietly);
        return found;
    }

    private void keep(SshTarget target, Shell shell, long loggedInAt) {
        Shell dropped;
        synchronized (this) {
            if (closed) {
                dropped = shell;
            } else {
                Deque<Kept> shells = kept.computeIfAbsent(target, t -> new ArrayDeque<>());
                shells.addLast(new Kept(shell, loggedInAt));
                dropped = shells.size() > KEPT_PER_TARGET ? shells.pollFirst().shell() : null;
                // when this login's time is up, not a whole REUSE_WITHIN after it was kept
                long untilExpired = Math.max(0, loggedInAt + REUSE_WITHIN.toNanos() - nanoTime.getAsLong());
                sweeper.schedule(this::closeExpired, untilExpired + SWEEP_LATE_NANOS, TimeUnit.NANOSECONDS);
            }
        }
        if (dropped != null) {
            closeQuietly(dropped);
        }
    }

    private void closeKept(SshTarget target) {
        Deque<Kept> shells;
        synchronized (this) {
            shells = kept.remove(target);
        }
        if (shells != null) {
            shells.forEach(k -> closeQuietly(k.shell()));
        }
    }

    /** Closes every kept shell logged in longer than {@link #REUSE_WITHIN} ago. */
    void closeExpired() {
        List<Shell> expired = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Deque<Kept>> targets = kept.values().iterator(); targets.hasNext(); ) {
                Deque<Kept> shells = targets.next();
                shells.removeIf(shell -> !fresh(shell) && expired.add(shell.shell()));
                if (shells.isEmpty()) {
                    targets.remove();
                }
            }
        }
        expired.forEach(ReusedShells::closeQuietly);
    }

    /** How many shells are kept now. */
    synchronized int keptCount() {
        return kept.values().stream().mapToInt(Deque::size).sum();
    }

    private boolean fresh(Kept shell) {
        return nanoTime.getAsLong() - shell.loggedInAt() < REUSE_WITHIN.toNanos();
    }

    /** Closes every kept shell; shells lent out are closed when their borrowers close them. */
    @Override
    public void close() {
        List<Shell> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            kept.values().forEach(shells -> shells.forEach(k -> all.add(k.shell())));
            kept.clear();
        }
        sweeper.shutdownNow();
        all.forEach(ReusedShells::closeQuietly);
    }

    private static void closeQuietly(Shell shell) {
        try {
            shell.close();
        } catch (RuntimeException e) {
            // closing a dead connection can fail; there is nothing left to release
        }
    }

    private record Kept(Shell shell, long loggedInAt) {
    }

    /** A shell as its borrower sees it: closing it keeps it for the next opener unless a command failed. */
    private final class Lent implements Shell {

        private final SshTarget target;
        private final Shell shell;
        private final long loggedInAt;
        private volatile boolean failed;
        private volatile boolean closed;

        Lent(SshTarget target, Shell shell, long loggedInAt) {
            this.target = target;
            this.shell = shell;
            this.loggedInAt = loggedInAt;
        }

        @Override
        public CommandResult run(String command, Duration timeout) {
            return watched(() -> shell.run(command, timeout));
        }

        @Override
        public CommandResult run(String command, String input, Duration timeout) {
            return watched(() -> shell.run(command, input, timeout));
        }

        private CommandResult watched(Supplier<CommandResult> command) {
            try {
                return command.get();
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public boolean connected() {
            return shell.connected();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (failed) {
                // the VM may be gone: the other logins kept for it would fail the next steps one by one
                closeQuietly(shell);
                closeKept(target);
            } else if (!shell.connected()) {
                closeQuietly(shell);
            } else {
                keep(target, shell, loggedInAt);
            }
        }
    }
}
