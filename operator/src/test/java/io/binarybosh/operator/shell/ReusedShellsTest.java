package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReusedShellsTest {

    private static final SshTarget META = new SshTarget("127.0.0.4", 22, "bosh_bbo1", "key", "ssh-ed25519 AAAA1");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<VmShell> logins = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final RecordingSweeper sweeper = new RecordingSweeper();
    private final ReusedShells shells = new ReusedShells(target -> {
        VmShell shell = new VmShell(target);
        logins.add(shell);
        return shell;
    }, now::get, sweeper);

    @Test
    void aClosedShellIsLentToTheNextOpenerOfTheSameLogin() {
        try (Shell first = shells.open(META)) {
            first.run("monit summary", TIMEOUT);
        }
        try (Shell second = shells.open(META)) {
            second.run("monit stop all", TIMEOUT);
        }
        assertEquals(1, logins.size());
        assertEquals(List.of("monit summary", "monit stop all"), logins.get(0).commands);
        assertFalse(logins.get(0).closed);
        assertEquals(2, sweeper.delays.size(), "each close that keeps the shell has a sweep follow it");
    }

    @Test
    void anotherPinnedHostKeyOrKeyLogsInAfresh() {
        shells.open(META).close();
        shells.open(new SshTarget(META.host(), META.port(), META.user(), META.privateKey(), "ssh-ed25519 AAAA2"))
                .close();
        shells.open(new SshTarget(META.host(), META.port(), META.user(), "other key", META.hostKey())).close();
        assertEquals(3, logins.size());
    }

    @Test
    void aShellWhoseCommandFailedIsClosedAndNeverLentAgain() {
        Shell shell = shells.open(META);
        logins.get(0).failing = true;
        assertThrows(ShellException.class, () -> shell.run("monit summary", TIMEOUT));
        shell.close();
        assertTrue(logins.get(0).closed);
        assertEquals(0, shells.keptCount());
        try (Shell next = shells.open(META)) {
            next.run("monit summary", TIMEOUT);
        }
        assertEquals(2, logins.size());
    }

    @Test
    void aFailedCommandAlsoClosesTheOtherShellsKeptForItsVm() {
        Shell a = shells.open(META);
        Shell b = shells.open(META);
        Shell c = shells.open(META);
        a.close();
        b.close();
        logins.get(2).failing = true;
        assertThrows(ShellException.class, () -> c.run("monit summary", TIMEOUT));
        c.close();
        assertTrue(logins.stream().allMatch(shell -> shell.closed), "the VM may be gone: none of its logins is lent");
        assertEquals(0, shells.keptCount());
    }

    @Test
    void aShellWhoseConnectionClosedIsNotLent() {
        shells.open(META).close();
        logins.get(0).connected = false;
        shells.open(META).close();
        assertEquals(2, logins.size());
        assertTrue(logins.get(0).closed, "the dead one is closed when found");
    }

    @Test
    void aShellLoggedInLongerThanReuseWithinAgoIsClosedByTheSweepAndNotLent() {
        shells.open(META).close();
        now.addAndGet(ReusedShells.REUSE_WITHIN.toNanos() - 1);
        shells.open(META).close();
        assertEquals(1, logins.size(), "still within " + ReusedShells.REUSE_WITHIN);
        now.addAndGet(ReusedShells.REUSE_WITHIN.toNanos());
        shells.closeExpired();
        assertTrue(logins.get(0).closed);
        assertEquals(0, shells.keptCount());
        shells.open(META).close();
        assertEquals(2, logins.size());
    }

    @Test
    void aShellIsLentOnlyWithinKeepOfItsLoginHoweverOftenItIsUsed() {
        // what the login gave the session (the user's groups, so sudo) must not outlive a fix on the VM for long
        shells.open(META).close();
        now.addAndGet(ReusedShells.REUSE_WITHIN.toNanos() - 2);
        shells.open(META).close();
        now.addAndGet(1);
        shells.open(META).close();
        assertEquals(1, logins.size());
        now.addAndGet(1);
        shells.open(META).close();
        assertEquals(2, logins.size(), "a fresh login " + ReusedShells.REUSE_WITHIN + " after the first");
        assertTrue(logins.get(0).closed);
    }

    @Test
    void theSweepComesWhenTheLoginsTimeIsUpNotAWholeReuseWithinAfterItWasKept() {
        Shell shell = shells.open(META);
        now.addAndGet(ReusedShells.REUSE_WITHIN.toNanos() - 1_000);
        shell.close();
        assertEquals(List.of(1_000 + ReusedShells.SWEEP_LATE_NANOS), sweeper.delays);
    }

    @Test
    void anExpiredShellFoundBeforeTheSweepIsClosedNotLent() {
        shells.open(META).close();
        now.addAndGet(ReusedShells.REUSE_WITHIN.toNanos());
        shells.open(META).close();
        assertEquals(2, logins.size());
        assertTrue(logins.get(0).closed);
    }

    @Test
    void shellsOpenAtOnceAreDistinctAndAtMostTwoAreKept() {
        Shell a = shells.open(META);
        Shell b = shells.open(META);
        Shell c = shells.open(META);
        assertEquals(3, logins.size());
        a.close();
        b.close();
        c.close();
        assertEquals(ReusedShells.KEPT_PER_TARGET, shells.keptCount());
        assertTrue(logins.get(0).closed, "the longest kept goes first");
        assertFalse(logins.get(2).closed);
        try (Shell again = shells.open(META)) {
            again.run("true", TIMEOUT);
        }
        assertEquals(List.of("true"), logins.get(2).commands, "the most recently closed is lent first");
    }

    @Test
    void closingALentShellTwiceKeepsItOnce() {
        Shell shell = shells.open(META);
        shell.close();
        shell.close();
        assertEquals(1, shells.keptCount());
        Shell a = shells.open(META);
        Shell b = shells.open(META);
        assertEquals(2, logins.size(), "one kept shell lent, one new login");
        a.close();
        b.close();
    }

    @Test
    void closingThePoolClosesKeptShellsAndEveryShellClosedAfterIt() {
        Shell lent = shells.open(META);
        shells.open(new SshTarget("127.0.0.2", 22, "jumpbox", "key", "ssh-ed25519 AAAA3")).close();
        shells.close();
        assertTrue(logins.get(1).closed);
        assertTrue(sweeper.isShutdown());
        lent.close();
        assertTrue(logins.get(0).closed);
        assertEquals(0, shells.keptCount());
    }

    @Test
    void aLentShellPassesInputThrough() {
        try (Shell shell = shells.open(META)) {
            shell.run("cat > key", "secret", TIMEOUT);
        }
        assertEquals(List.of("cat > key <- secret"), logins.get(0).commands);
    }

    /** A VM's login: records its commands, fails them on demand. */
    private static final class VmShell implements Shell {
        final SshTarget target;
        final List<String> commands = new ArrayList<>();
        boolean failing;
        boolean connected = true;
        boolean closed;

        VmShell(SshTarget target) {
            this.target = target;
        }

        @Override
        public CommandResult run(String command, Duration timeout) {
            return run(command, null, timeout);
        }

        @Override
        public CommandResult run(String command, String input, Duration timeout) {
            if (failing) {
                throw new ShellException("'" + command + "' on " + target.host() + " failed: session is down");
            }
            commands.add(input == null ? command : command + " <- " + input);
            return new CommandResult(0, "", "");
        }

        @Override
        public boolean connected() {
            return connected && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Records the delays of the sweeps asked for and runs none: the test calls {@link ReusedShells#closeExpired}. */
    private static final class RecordingSweeper extends ScheduledThreadPoolExecutor {
        final List<Long> delays = new ArrayList<>();

        RecordingSweeper() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            return null;
        }
    }
}
