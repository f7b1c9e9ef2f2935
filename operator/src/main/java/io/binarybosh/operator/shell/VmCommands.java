package io.binarybosh.operator.shell;

/**
 * The commands the migration runs on director VMs, as text. Every path is quoted; with {@code sudo} a command runs
 * as {@code sudo -n sh -c '...'}; monit is looked up in /var/vcap/bosh/bin first, where a BOSH stemcell has it.
 * Names made aside start with {@value #ASIDE_PREFIX}: copies, checksums and deletions skip them.
 */
public record VmCommands(boolean sudo) {

    public static final String ASIDE_PREFIX = ".binarybosh-";
    /** rsync's I/O timeout: no data either way for this long ends the attempt (exit code 30). */
    public static final int RSYNC_TIMEOUT_SECONDS = 600;
    public static final int SSH_CONNECT_TIMEOUT_SECONDS = 20;
    public static final int SSH_ALIVE_INTERVAL_SECONDS = 15;
    public static final int SSH_ALIVE_COUNT = 4;
    /** The source's listing runs while the copy does; past this it is given up and made again when verifying. */
    public static final int SOURCE_CHECKSUM_LIMIT_SECONDS = 12 * 3600;
    private static final String PATH = "PATH=/var/vcap/bosh/bin:$PATH; ";

    /** As root (through sudo when the login user needs it). */
    public String privileged(String script) {
        return sudo ? "sudo -n sh -c " + quote(PATH + script) : "sh -c " + quote(PATH + script);
    }

    /** The line between the parts of {@link #stopAndReport}'s and {@link #copyLook}'s output. */
    public static final String PART = "binarybosh-part";

    public String monitStopAll() {
        return privileged("monit stop all");
    }

    /**
     * Starts a VM's jobs as the agent's start does (bosh director starter.rb: {@code run_script pre-start}, then
     * monit): every job's pre-start first (postgres' upgrades a postgres-13 cluster to postgres-15 there), but only
     * while monit reports no process running: a pre-start under a live postgres would pull its files away.
     */
    public String startJobs() {
        return privileged("if monit summary | grep -qiE \"'[^']+'[[:space:]]+running\"; then :; else "
                + "for s in /var/vcap/jobs/*/bin/pre-start; do [ -x \"$s\" ] || continue; \"$s\" > /dev/null || "
                + "{ echo \"$s failed\" >&2; exit 6; }; done; fi; monit start all");
    }

    public String monitSummary() {
        return privileged("monit summary");
    }

    /**
     * One line per postgres data directory of the store: {@code name|data or empty|pidfile or none|cluster state},
     * the state as the postgres package's {@code pg_controldata} prints "Database cluster state" (its own major's
     * package if the VM has it, else postgres-15's). PGDATA is 0700: this needs root.
     */
    public String postgresState(String store) {
        return privileged(postgresScript(store));
    }

    /**
     * {@code monit stop all}, then what still runs: {@code monit summary}, a {@link #PART} line, and the store's
     * {@link #postgresState}; one command, as each costs a login, a shell and sudo on the VM. It exits as the first
     * part that failed.
     */
    public String stopAndReport(String store) {
        return privileged("monit stop all || exit $?; " + reportScript(store));
    }

    private static String reportScript(String store) {
        return "monit summary || exit $?; echo " + PART + "; " + postgresScript(store);
    }

    private static String postgresScript(String store) {
        return "cd " + quote(store) + " || exit 3; for d in postgres-[0-9]*; do [ -d \"$d\" ] || continue; "
                + "if [ -n \"$(ls -A \"$d\")\" ]; then data=data; else data=empty; fi; "
                + "if [ -f \"$d/postmaster.pid\" ]; then pid=pidfile; else pid=none; fi; "
                + "bin=/var/vcap/packages/$d/bin/pg_controldata; [ -x \"$bin\" ] || "
                + "bin=/var/vcap/packages/postgres-15/bin/pg_controldata; "
                + "state=$(\"$bin\" \"$PWD/$d\" 2>/dev/null | sed -n 's/^Database cluster state: *//p'); "
                + "echo \"$d|$data|$pid|$state\"; done";
    }

    /**
     * Which director the VM runs, without printing any secret of its config: read with {@link MicroIdentity#parse},
     * compared with {@link MicroIdentity#mismatch}.
     */
    public String microIdentity() {
        return MicroIdentity.command(this, MicroIdentity.CONFIG, MicroIdentity.CERTIFICATE);
    }

    /** Bytes the store's contents take (what was moved aside left out): {@code du}, as root. */
    public String usedBytes(String store) {
        return privileged("cd " + quote(store) + " || exit 3; du -s -B1 --exclude='./" + ASIDE_PREFIX + "*' . | cut -f 1");
    }

    /** Bytes free on the file system holding the store: {@code df}. */
    public String freeBytes(String store) {
        return privileged("df -P -B1 " + quote(store) + " | tail -n 1 | awk '{print $4}'");
    }

    /**
     * Moves everything in the store into {@code store/aside} (created), except what was moved aside before. The
     * store may be a mount point (the persistent disk), which cannot itself be renamed; moving inside it keeps
     * the data on the same disk. Redone after a crash, it finds nothing more to move.
     */
    public String moveContentsAside(String store, String aside) {
        return privileged("cd " + quote(store) + " || exit 3; mkdir -p " + quote(aside) + " || exit 4; "
                + "for f in * .[!.]* ..?*; do [ -e \"$f\" ] || [ -L \"$f\" ] || continue; "
                + "case \"$f\" in " + ASIDE_PREFIX + "*) continue;; esac; mv \"$f\" " + quote(aside) + "/ || exit 5; "
                + "done; ls -A | grep -v '^" + ASIDE_PREFIX.replace(".", "\\.") + "' | head -n 1");
    }

    /**
     * The store's checksum listing, reduced to one SHA-256 and a file count: every regular file's hash (by
     * {@code tool}) and path, then every other entry's path, sorted bytewise, without what was moved aside. It ends
     * within {@code limitSeconds} (exit 124 or 137 when stopped) and first kills a listing an earlier try of the
     * operation left running ({@code dir/checksum.pid}): a timed-out ssh command does not stop it by itself.
     */
    public String checksum(String dir, String store, ChecksumTool tool, int limitSeconds) {
        String pid = dir + "/checksum.pid";
        return privileged(WorkDir.ensure(dir) + TimedJob.stopEarlier(pid)
                + TimedJob.exec(pid, limitSeconds, ListingScripts.checksum(store, tool, true)));
    }

    /**
     * Starts the store's checksum listing in the background, detached, into {@code dir/source-sum}: the store's
     * fingerprint, then the listing by {@code tool}. Run on the copy's source while rsync reads it, since
     * nothing writes to a stopped director's store; {@link #sourceChecksum} reads it with a fresh fingerprint. At
     * the lowest CPU priority: the copy is what the migration waits for, and the listing has until the copy ends
     * and Meta's own listing is made.
     */
    public String startSourceChecksum(String dir, String store, ChecksumTool tool) {
        String base = dir + "/source-sum";
        String job = "{ " + ListingScripts.fingerprint(store) + " && "
                + ListingScripts.checksum(store, tool, false) + "; } > " + quote(base + ".tmp")
                + " 2>/dev/null && mv " + quote(base + ".tmp") + " " + quote(base);
        // SCHED_IDLE (chrt, util-linux) where it is: only CPU time nothing else wants; nice 19 still gets some
        return privileged(WorkDir.ensure(dir) + TimedJob.stopEarlier(base + ".pid") + "idle=; command -v chrt "
                + "> /dev/null && idle='chrt -i 0'; rm -f " + quote(base) + " " + quote(base + ".tmp")
                + " && { nohup setsid $idle nice -n 19 " + TimedJob.command(SOURCE_CHECKSUM_LIMIT_SECONDS, job)
                + " > /dev/null 2>&1 < /dev/null & echo $! > " + quote(base + ".pid") + "; }");
    }

    /**
     * Waits up to {@code waitSeconds} for the listing of {@link #startSourceChecksum} to end, then prints its
     * three lines (fingerprint then, SHA-256, file count) and the store's fingerprint now; or {@code none} when the
     * listing is missing or its process is gone without it.
     */
    public String sourceChecksum(String dir, String store, int waitSeconds) {
        String base = dir + "/source-sum";
        return listingWhenMade(base, "{ p=$(cat " + quote(base + ".pid") + " 2>/dev/null); case $p in ''|*[!0-9]*) "
                + "false;; *) [ -d /proc/$p ];; esac; }", store, waitSeconds);
    }

    /**
     * Shell text: waits up to {@code waitSeconds}, while the listing's maker runs, for {@code listing} to exist, in
     * looks 0.1 s apart (a file appearing on the VM is all there is to wait on); then prints it and {@code store}'s
     * fingerprint now, or {@code none}. {@code maker} is a condition that is true when the maker runs and leaves its
     * pid in {@code $p}: evaluated once, so that each look costs the VM one sleep.
     */
    private String listingWhenMade(String listing, String maker, String store, int waitSeconds) {
        return privileged("if [ ! -f " + quote(listing) + " ] && " + maker + "; then i=0; while [ ! -f "
                + quote(listing) + " ] && [ -d /proc/$p ] && [ $i -lt " + waitSeconds * 10 + " ]; do sleep 0.1; "
                + "i=$((i + 1)); done; fi; if [ -f " + quote(listing) + " ]; then cat " + quote(listing) + " && "
                + ListingScripts.fingerprint(store) + "; else echo none; fi");
    }

    /**
     * Waits up to {@code waitSeconds} for the target's listing that attempt N's job makes after rsync
     * ({@link #startRsync}), then prints it as {@link #sourceChecksum} prints the source's: its three lines and the
     * store's fingerprint now; or {@code none} when the listing is missing and the attempt's job is gone, or still
     * runs after the wait (then stop it with {@link #stopRsync} before listing the store again).
     */
    public String targetChecksum(String dir, int attempt, String store, int waitSeconds) {
        String base = dir + "/attempt-" + attempt;
        return listingWhenMade(base + ".listing", attemptRuns(base), store, waitSeconds);
    }

    /**
     * Puts {@code line} in the login user's authorized_keys in place of any line holding {@code marker}, atomically
     * and on a line of its own ({@link AuthorizedKeysEdit}). A relative path is the login user's home's, wherever
     * the login shell starts.
     */
    public String authorize(String authorizedKeysFile, String line, String marker) {
        return AuthorizedKeysEdit.authorize(authorizedKeysFile, line, marker);
    }

    /**
     * Removes every authorized_keys line holding {@code marker}, atomically: the file keeps its owner and mode, and
     * a failed write leaves it as it was.
     */
    public String revoke(String authorizedKeysFile, String marker) {
        return AuthorizedKeysEdit.revoke(authorizedKeysFile, marker);
    }

    /**
     * The copy's two files on Meta in one command: the key, from stdin (a command line is visible to every user of
     * the VM), as {@code dir/key}, and the pinned host key line, which is public, as {@code dir/known_hosts}; both
     * readable by root alone.
     */
    public String writeCopyFiles(String dir, String knownHostsLine) {
        return privileged(WorkDir.ensure(dir) + "cat > " + quote(dir + "/key") + " && printf '%s\\n' "
                + quote(knownHostsLine) + " > " + quote(dir + "/known_hosts"));
    }

    /** Removes the copy's working files (its key, known_hosts, logs) and their folder. */
    public String removeCopyFiles(String dir) {
        return privileged("[ -d " + quote(dir) + " ] || exit 0; rm -f " + quote(dir) + "/key " + quote(dir)
                + "/known_hosts " + quote(dir) + "/attempt-* " + quote(dir) + "/source-sum* " + quote(dir)
                + "/checksum.pid; rmdir " + quote(dir));
    }

    /**
     * Starts rsync in the background, detached from the ssh session, pulling {@code source} into {@code target}.
     * Its pid, output and exit code go to {@code dir/attempt-N.*}, so that a restarted operator finds the copy
     * running or finished. {@code --delete} removes only files of an earlier interrupted attempt (the store was
     * moved aside before); what is moved aside is excluded on both ends. A redo after a failed verification
     * compares contents ({@code --checksum}), not only sizes and times. {@code --timeout} ends a copy whose
     * connection carries nothing for {@value #RSYNC_TIMEOUT_SECONDS}s. Once rsync has ended well (its exit code
     * written), the same job makes the target's checksum listing by {@code tool} on every CPU into
     * {@code dir/attempt-N.listing}, the store's fingerprint first: it runs while the operator records the copy's end
     * and proves Meta stopped, and {@link #targetChecksum} reads it. Stopping the attempt stops the listing too.
     */
    public String startRsync(String dir, int attempt, boolean checksum, String sshCommand, String remote,
                             String target, ChecksumTool tool) {
        String base = dir + "/attempt-" + attempt;
        // a subshell of the job, in its process group: stopping the attempt stops the listing
        String listing = "( " + ListingScripts.fingerprint(target) + " && "
                + ListingScripts.checksum(target, tool, true) + " ) > " + quote(base + ".listing.tmp")
                + " 2>/dev/null && mv " + quote(base + ".listing.tmp") + " " + quote(base + ".listing");
        String job = rsync(checksum, sshCommand, remote, target) + " > " + quote(base + ".log") + " 2>&1; rc=$?; "
                + "echo $rc > " + quote(base + ".exit") + "; [ $rc -eq 0 ] || exit 0; " + listing;
        return privileged(WorkDir.ensure(dir) + "rm -f " + quote(base + ".exit") + "; nohup setsid sh -c "
                + quote(job) + " > /dev/null 2>&1 < /dev/null & echo $! > " + quote(base + ".pid"));
    }

    /**
     * Runs Meta's rsync as {@link #startRsync} would for {@code remote}, with an ssh stand-in that prints its
     * arguments and connects nowhere: the output holds the exact command line the copy sends to the Micro
     * ({@link RsyncServerCommand#parse}), which depends on Meta's rsync version and the attempt's options.
     */
    public String rsyncServerCommandProbe(String dir, boolean checksum, String remotePath) {
        return privileged(probe(dir, checksum, remotePath));
    }

    private String probe(String dir, boolean checksum, String remotePath) {
        String probe = "sh -c 'for a; do echo \"" + RsyncServerCommand.ARGUMENT + "$a\"; done >&2' probe";
        return rsync(checksum, probe, RsyncServerCommand.PROBE_HOST + ":" + remotePath, dir + "/probe-target")
                + " 2>&1; true";
    }

    private String rsync(boolean checksum, String sshCommand, String remote, String target) {
        return "rsync -a " + (checksum ? "--checksum " : "") + "--delete --partial --numeric-ids --no-inc-recursive "
                + "--info=progress2 --timeout=" + RSYNC_TIMEOUT_SECONDS + " --exclude=" + quote("/" + ASIDE_PREFIX + "*")
                + " -e " + quote(sshCommand) + (sudo ? " --rsync-path='sudo -n rsync'" : "") + " " + quote(remote)
                + " " + quote(target + "/");
    }

    /**
     * The ciphers the copy's ssh offers, AES-GCM first. A stemcell's sshd allows AES-GCM and AES-CTR only
     * (bosh-linux-stemcell-builder stages/base_ssh/apply.sh), where ssh's own order takes AES-CTR with a separate
     * UMAC; GCM's tag authenticates as it encrypts, which took about a sixth less CPU per GiB on both ends here.
     * The others follow, so that an sshd without GCM still agrees on one.
     */
    static final String COPY_CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,"
            + "aes128-ctr,aes192-ctr,aes256-ctr";

    /**
     * The ssh command rsync on Meta reaches the Micro with: the copy key and the pinned host key from {@code dir},
     * no config file, no agent, no prompt, from Meta's address, AES-GCM first ({@link #COPY_CIPHERS}); a dead
     * connection is given up after {@value #SSH_ALIVE_INTERVAL_SECONDS}s x {@value #SSH_ALIVE_COUNT} unanswered
     * keepalives, a connection that does not open after {@value #SSH_CONNECT_TIMEOUT_SECONDS}s.
     */
    public static String copySshCommand(String dir, int port, String bindAddress) {
        return "ssh -F /dev/null -i " + dir + "/key -p " + port + " -o IdentitiesOnly=yes -o IdentityAgent=none "
                + "-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + dir + "/known_hosts "
                + "-o Ciphers=" + COPY_CIPHERS + " "
                + "-o BindAddress=" + bindAddress + " -o ConnectTimeout=" + SSH_CONNECT_TIMEOUT_SECONDS
                + " -o ServerAliveInterval=" + SSH_ALIVE_INTERVAL_SECONDS + " -o ServerAliveCountMax="
                + SSH_ALIVE_COUNT;
    }

    /**
     * Shell text: where attempt N stands. The first line is its exit code or {@code -}, the second {@code alive},
     * {@code dead} or {@code none} (never started), then {@link RsyncProgress#NO_SPACE} if rsync ever wrote ENOSPC's
     * message (its last lines may be another side's broken pipe), then the end of its progress output.
     */
    private static String attemptState(String base) {
        return "if [ -f " + quote(base + ".exit") + " ]; then cat " + quote(base + ".exit")
                + "; else echo -; fi; if [ ! -f " + quote(base + ".pid") + " ]; then echo none; elif " + attemptRuns(base)
                + "; then echo alive; else echo dead; fi; grep -qsF 'No space left on device' " + quote(base + ".log")
                + " && echo " + quote(RsyncProgress.NO_SPACE) + "; [ -f " + quote(base + ".log")
                + " ] && tail -c 4000 " + quote(base + ".log") + " | tr '\\r' '\\n' | grep -v '^ *$' | tail -n 3; true";
    }

    /**
     * Shell text: waits up to {@code waitSeconds} for attempt N to end, so that the copy's end is seen when it happens
     * rather than at the next look. The job is recognized once; each look then costs the VM one sleep.
     */
    private static String waitForAttempt(String base, int waitSeconds) {
        return "if " + attemptRuns(base) + "; then i=0; while [ ! -f " + quote(base + ".exit") + " ] "
                + "&& [ -d /proc/$p ] && [ $i -lt " + waitSeconds * 10 + " ]; do sleep 0.1; i=$((i + 1)); done; fi; ";
    }

    /**
     * A look at the copy as one command (each costs a login, a shell and sudo on the VM): attempt N's state
     * ({@link #attemptState}) after waiting up to {@code waitSeconds} for it to end; a {@link #PART} line; what runs
     * on Meta (as {@link #stopAndReport} prints it, after {@code monit stop all} only when the attempt never
     * started); and for a start only, another PART line and the probe of the command rsync sends
     * ({@link #rsyncServerCommandProbe}). Read with {@link CopyLook#parse}.
     */
    public String copyLook(String dir, int attempt, int waitSeconds, String store, String remotePath) {
        String base = dir + "/attempt-" + attempt;
        String notStarted = "[ ! -f " + quote(base + ".exit") + " ] && [ ! -f " + quote(base + ".pid") + " ]";
        return privileged(waitForAttempt(base, waitSeconds) + attemptState(base) + "; echo " + PART + "; if "
                + notStarted + "; then monit stop all || exit $?; fi; " + reportScript(store) + "; if " + notStarted
                + "; then echo " + PART + "; " + probe(dir, attempt > 1, remotePath) + "; fi");
    }

    /**
     * Stops attempt N's rsync if it still runs (a redo must not race it): its whole process group, rsync and its
     * ssh with the shell that waits for them.
     */
    public String stopRsync(String dir, int attempt) {
        return privileged("if " + attemptRuns(dir + "/attempt-" + attempt) + "; then kill -TERM -$p 2>/dev/null "
                + "|| kill $p 2>/dev/null; fi; true");
    }

    /**
     * Shell condition: the process {@code base.pid} names is attempt N's job (its command line writes
     * {@code base.exit}), its pid left in {@code $p}. The pid file is on the ephemeral disk, which a reboot keeps
     * while pids start over: after a reboot the number may name another process, which is neither alive for the
     * copy nor to be killed.
     */
    private static String attemptRuns(String base) {
        return "{ p=$(cat " + quote(base + ".pid") + " 2>/dev/null); case $p in ''|*[!0-9]*) false;; *) "
                + "{ tr '\\0' ' ' < /proc/$p/cmdline; } 2>/dev/null | grep -qF -- " + quote(base + ".exit") + ";; esac; }";
    }

    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * The authorized_keys line of the copy key: from Meta's address only, no pty or forwarding, and only the exact
     * rsync command line the copy sends ({@link RsyncServerCommand#forcedCommand}).
     */
    public static String copyKeyLine(String publicKeyLine, String fromAddress, RsyncServerCommand command) {
        return "from=\"" + fromAddress + "\",restrict,command=\"" + command.forcedCommand() + "\" " + publicKeyLine;
    }
}
