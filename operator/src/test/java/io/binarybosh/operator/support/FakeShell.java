package io.binarybosh.operator.support;

import io.binarybosh.operator.shell.CommandResult;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.RsyncProgress;
import io.binarybosh.operator.shell.VmCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One director VM seen through ssh: it records every command and answers by a rule table ("command contains X →
 * answer"), the first matching rule winning. The default rules act on a small model of the VM: monit's processes,
 * the store's top-level entries (and what was moved aside inside it), postgres data directories, the login user's
 * authorized_keys, the copy's rsync attempts (and the probe of the command rsync sends) and checksum listings. Rules
 * match fragments of VmCommands' text that stay when its quoting or guards change. A test adds rules in front with
 * {@link #when}.
 */
public final class FakeShell implements Shell {

    private static final Pattern ASIDE = Pattern.compile("mkdir -p '\\\\''(\\.binarybosh-[^']*)'\\\\''");
    private static final Pattern RESTORE =
            Pattern.compile("\\[ -d '\\\\''(\\.binarybosh-[^']*)'\\\\'' \\] \\|\\| exit 0");
    private static final Pattern ATTEMPT = Pattern.compile("attempt-(\\d+)");
    /** The host Meta's rsync names in the probe of its server command (RsyncServerCommand.PROBE_HOST). */
    private static final String PROBE = "binarybosh-probe:";
    private static final Pattern PROBED_PATH = Pattern.compile(PROBE + "([^']*)'");

    /** One rsync attempt: {@code -} or its exit code, and {@code alive}, {@code dead} or {@code none}. */
    public record Rsync(String exit, String process) {
    }

    private record Rule(String fragment, Function<String, CommandResult> answer) {
    }

    public static final String JUMPBOX_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJumpboxOwnKeyLine jumpbox";

    public final String name;
    private final List<String> log;
    private final List<String> commands = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    /** monit's processes run; {@code monit stop all} stops them unless {@link #stopIgnored}. */
    public boolean processesRunning = true;
    public boolean stopIgnored;
    /** As a real director: the first summary after {@code monit stop all} shows the stop pending. */
    public boolean stopTakesAWhile;
    private boolean stopPending;
    /** What pg_controldata says of a stopped cluster (a Micro that died says "in production" too). */
    public String stoppedClusterState = "shut down";
    /** The store's top-level entries, and each folder made aside in it with what was moved there. */
    public final List<String> store = new ArrayList<>(List.of("postgres-15", "director", "blobstore"));
    public final Map<String, List<String>> asides = new LinkedHashMap<>();
    public long freeBytes = 10_000_000;
    public final Map<Integer, Rsync> rsync = new LinkedHashMap<>();
    /** The attempts whose log holds rsync's ENOSPC message. */
    public final java.util.Set<Integer> outOfSpace = new java.util.HashSet<>();
    /** The login user's authorized_keys, one line each: the jumpbox's own key is there from the start. */
    public final List<String> authorizedKeys = new ArrayList<>(List.of(JUMPBOX_KEY));
    public boolean sourceListing;
    /** The store changed after the copy's job listed it: its fingerprint now differs from the listing's. */
    public boolean storeChangedAfterListing;
    public boolean closed;
    /** The name in the VM's director.yml ({@code <name>-bosh}, as the fake directors' /info), or null for none. */
    public String directorName;

    public FakeShell(String name, List<String> log) {
        this.name = name;
        this.log = log;
        this.directorName = name + "-bosh";
        // VmCommands.copyLook: the attempt's state, then (after monit stop all when it never started) the report,
        // then, for a start only, the probe.
        rule("echo " + VmCommands.PART + "; if ", c -> {
            String state = rsyncState(attempt(c));
            boolean notStarted = state.startsWith("-\nnone\n");
            if (notStarted) {
                stopAll();
            }
            return ok(state + VmCommands.PART + "\n" + monitSummary() + VmCommands.PART + "\n" + postgresState()
                    + (notStarted ? VmCommands.PART + "\n" + probe(c).stdout() : ""));
        });
        // VmCommands.stopAndReport: monit's summary, then the store's postgres state, in one command.
        rule(VmCommands.PART, c -> {
            if (c.contains("monit stop all")) {
                stopAll();
            }
            return ok(monitSummary() + VmCommands.PART + "\n" + postgresState());
        });
        rule("monit stop all", c -> {
            stopAll();
            return ok("");
        });
        rule("monit start all", c -> {
            processesRunning = true;
            stopPending = false;
            return ok("");
        });
        rule("monit summary", c -> ok(monitSummary()));
        rule("pg_controldata", c -> ok(postgresState()));
        rule("du -s -B1", c -> ok(store.size() * 1000 + "\n"));
        rule("df -P -B1", c -> ok(freeBytes + "\n"));
        rule("ls -A | grep -v", this::moveAside);
        rule("aborted-copy-", this::restore);
        // Run as the login user, not through sudo: AuthorizedKeysEdit's authorize (prints our line) and revoke.
        rule("printf '%s\\n' ", this::authorize);
        rule("! grep -qF -- ", this::revoke);
        rule(PROBE, this::probe);
        rule("rsync -a ", c -> {
            rsync.put(attempt(c), new Rsync("-", "alive"));
            return ok("");
        });
        rule("kill -TERM -$p", c -> {
            rsync.computeIfPresent(attempt(c), (n, r) -> "alive".equals(r.process()) ? new Rsync(r.exit(), "dead") : r);
            return ok("");
        });
        rule("nohup setsid", c -> {
            sourceListing = true;
            return ok("");
        });
        // The target's listing, made by an attempt's job once rsync ended well.
        rule(".listing", c -> ok("0".equals(rsync.getOrDefault(attempt(c), new Rsync("-", "none")).exit())
                ? "fp\n" + checksum() + "\n" + (storeChangedAfterListing ? "fp-changed" : "fp") + "\n" : "none\n"));
        rule("echo none", c -> ok(sourceListing ? "fp\n" + checksum() + "\nfp\n" : "none\n"));
        rule("xargs -0r", c -> ok(checksum() + "\n"));
        rule("rmdir", c -> {
            sourceListing = false;
            rsync.clear();
            return ok("");
        });
        // The director job's rendered config (bosh jobs/director/templates/director.yml.erb starts with these keys).
        rule("director/config/director.yml", c -> ok(directorName == null ? "binarybosh-no-director-config\n"
                : "{\"name\":\"" + directorName + "\",\"runtime\":{\"ip\":\"10.0.0.6\",\"instance\":\"bosh/0\"},"
                + "\"port\":25556\n"));
        rule("", c -> ok(""));
    }

    /** A rule in front of the others: a command containing {@code fragment} prints {@code stdout}. */
    public FakeShell when(String fragment, String stdout) {
        return when(fragment, c -> ok(stdout));
    }

    public FakeShell when(String fragment, Function<String, CommandResult> answer) {
        rules.add(0, new Rule(fragment, answer));
        return this;
    }

    /** A command containing {@code fragment} exits {@code exitCode}. */
    public FakeShell failWhen(String fragment, int exitCode, String stderr) {
        return when(fragment, c -> new CommandResult(exitCode, "", stderr));
    }

    private void rule(String fragment, Function<String, CommandResult> answer) {
        rules.add(new Rule(fragment, answer));
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        if (closed) {
            throw new ShellException("the shell on " + name + " is closed");
        }
        commands.add(command);
        log.add(name + "$ " + command);
        return rules.stream().filter(r -> command.contains(r.fragment())).findFirst().orElseThrow()
                .answer().apply(command);
    }

    @Override
    public CommandResult run(String command, String input, Duration timeout) {
        inputs.add(input);
        return run(command, timeout);
    }

    @Override
    public void close() {
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** What was sent on stdin, in order (keys, known_hosts lines). */
    public List<String> inputs() {
        return List.copyOf(inputs);
    }

    /** The commands that started an rsync attempt, in order (not the probe of rsync's server command). */
    public List<String> rsyncStarts() {
        return commands.stream().filter(c -> c.contains("rsync -a ") && !c.contains(PROBE)).toList();
    }

    /** The listings of the store made by a command of their own (not the one an rsync attempt's job makes). */
    public long listingsMade() {
        return commands.stream().filter(c -> c.contains("xargs -0r") && !c.contains("rsync -a ")).count();
    }

    /** The reads of the listing an rsync attempt's job made once rsync ended. */
    public long jobListingsRead() {
        return commands.stream().filter(c -> c.contains(".listing") && !c.contains("rsync -a ")).count();
    }

    public long count(String fragment) {
        return commands.stream().filter(c -> c.contains(fragment)).count();
    }

    public boolean ran(String exactCommand) {
        return commands.contains(exactCommand);
    }

    /** rsync attempt {@code attempt} ended with {@code exit}; if 0, Meta holds a copy of {@code source}'s store. */
    public void rsyncEnds(int attempt, int exit, FakeShell source) {
        rsync.put(attempt, new Rsync(String.valueOf(exit), "dead"));
        if (exit == 0) {
            store.clear();
            store.addAll(source.store);
        }
    }

    /** rsync attempt {@code attempt} ran out of space on this VM: ENOSPC in its log, exit code 11. */
    public void rsyncRunsOutOfSpace(int attempt) {
        rsync.put(attempt, new Rsync("11", "dead"));
        outOfSpace.add(attempt);
    }

    private void stopAll() {
        stopPending = processesRunning && !stopIgnored && stopTakesAWhile;
        processesRunning &= stopIgnored || stopPending;
    }

    public String monitSummary() {
        String state = stopPending ? "Not monitored - stop pending" : processesRunning ? "running" : "Not monitored";
        if (stopPending) {
            stopPending = false;
            processesRunning = false;
        }
        return "The Monit daemon 5.2.5 uptime: 1h 2m\n\nProcess 'director'  " + state + "\nProcess 'postgres'  "
                + state + "\nSystem 'system_localhost'  running\n";
    }

    private String postgresState() {
        StringBuilder out = new StringBuilder();
        for (String entry : store) {
            if (entry.startsWith("postgres-")) {
                out.append(entry).append(processesRunning ? "|data|pidfile|in production\n"
                        : "|data|none|" + stoppedClusterState + "\n");
            }
        }
        return out.toString();
    }

    private String checksum() {
        List<String> files = store.stream().filter(e -> !e.startsWith(VmCommands.ASIDE_PREFIX)).sorted().toList();
        return "sum-" + String.join("+", files) + "\n" + files.size();
    }

    private String rsyncState(int attempt) {
        Rsync run = rsync.getOrDefault(attempt, new Rsync("-", "none"));
        String progress = "none".equals(run.process()) ? "" : "  3,000  100%  10.00MB/s  0:00:05 (xfr#3, to-chk=0/3)\n";
        return run.exit() + "\n" + run.process() + "\n" + (outOfSpace.contains(attempt) ? RsyncProgress.NO_SPACE + "\n"
                : "") + progress;
    }

    private CommandResult moveAside(String command) {
        String aside = match(ASIDE, command);
        List<String> moved = store.stream().filter(e -> !e.startsWith(VmCommands.ASIDE_PREFIX)).toList();
        asides.computeIfAbsent(aside, a -> new ArrayList<>()).addAll(moved);
        store.removeAll(moved);
        if (!store.contains(aside)) {
            store.add(aside);
        }
        return ok("");
    }

    /** {@code StoreRestore}: what is in the store goes into the copy's folder, the aside's contents come back. */
    private CommandResult restore(String command) {
        String aside = match(RESTORE, command);
        if (!store.contains(aside)) {
            return ok("");
        }
        String copyAside = command.substring(command.indexOf(".binarybosh-aborted-copy-")).split("'")[0];
        List<String> copy = store.stream().filter(e -> !e.startsWith(VmCommands.ASIDE_PREFIX)).toList();
        asides.computeIfAbsent(copyAside, a -> new ArrayList<>()).addAll(copy);
        store.removeAll(copy);
        if (!store.contains(copyAside)) {
            store.add(copyAside);
        }
        store.addAll(asides.remove(aside));
        store.remove(aside);
        return ok("");
    }

    /**
     * What the probe printed with rsync 3.5.0 (by hand, against this command): the ssh stand-in gets the host, the
     * {@code --rsync-path} as one argument, the server options ({@code c} among them for {@code --checksum}); rsync
     * then fails (code 12) and the probe still exits 0.
     */
    private CommandResult probe(String command) {
        String rsyncPath = command.contains("--rsync-path='\\''sudo -n rsync'\\''") ? "sudo -n rsync" : "rsync";
        String options = command.contains("--checksum ") ? "-logDtprce.LsfxCIvu" : "-logDtpre.LsfxCIvu";
        String out = Stream.of("binarybosh-probe", rsyncPath, "--server", "--sender", options, "--timeout="
                + VmCommands.RSYNC_TIMEOUT_SECONDS, "--numeric-ids", ".", match(PROBED_PATH, command))
                .map(a -> "binarybosh-arg:" + a + "\n").collect(Collectors.joining());
        return ok(out + "rsync: connection unexpectedly closed (0 bytes received so far) [Receiver]\n"
                + "rsync error: error in rsync protocol data stream (code 12) at io.c(285) [Receiver=3.5.0]\n");
    }

    /** Every line but those holding the marker, then the line: what AuthorizedKeysEdit writes. */
    private CommandResult authorize(String command) {
        String marker = word(command, "grep -vF -- ");
        String line = word(command, "printf '%s\\n' ");
        authorizedKeys.removeIf(l -> l.contains(marker));
        authorizedKeys.add(line);
        return ok("");
    }

    private CommandResult revoke(String command) {
        String marker = word(command, "grep -vF -- ");
        authorizedKeys.removeIf(l -> l.contains(marker));
        return ok("");
    }

    /** The shell word after {@code prefix}: quoted parts ('...') and escaped quotes (\'), up to a blank or ;. */
    private static String word(String command, String prefix) {
        int at = command.indexOf(prefix);
        if (at < 0) {
            throw new IllegalStateException(prefix + " not in " + command);
        }
        StringBuilder word = new StringBuilder();
        for (int i = at + prefix.length(); i < command.length() && " ;".indexOf(command.charAt(i)) < 0; ) {
            if (command.charAt(i) == '\'') {
                int end = command.indexOf('\'', i + 1);
                word.append(command, i + 1, end);
                i = end + 1;
            } else if (command.startsWith("\\'", i)) {
                word.append('\'');
                i += 2;
            } else {
                word.append(command.charAt(i++));
            }
        }
        return word.toString();
    }

    private static String match(Pattern pattern, String command) {
        Matcher m = pattern.matcher(command);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + command);
        }
        return m.group(1);
    }

    private static int attempt(String command) {
        return Integer.parseInt(match(ATTEMPT, command));
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "");
    }

    @Override
    public String toString() {
        return "FakeShell[" + name + "]";
    }
}
