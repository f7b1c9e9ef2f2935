package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The monit control file of a director VM and the control script of its processes. `director` is the
 * simulator (a java process); the others are stand-ins that monit really starts and stops. `postgres` runs as
 * under bpm (bosh:jobs/postgres/templates/bpm.yml): in its own PID namespace with an init as PID 1
 * (bpm:src/bpm/runc/adapter/adapter.go), so its `postmaster.pid` says 2; it is stopped as `bpm stop` does
 * (bpm:src/bpm/commands/stop.go: the shutdown signal, INT for postgres, 15 s, SIGQUIT, 2 s, then the container
 * killed; both waits multiplied by the world's time scale) and keeps its cluster state in {@code global/pg_control}
 * for the VM's {@code pg_controldata}.
 */
record MonitControlFile(HostDir dir, String javaCommand, String classPath, String tether, String cid, double timeScale,
                        String postgresDirectory) {
    /** Named as on a bosh-deployment director VM (bosh:jobs/{nats,postgres,blobstore,director,health_monitor}/monit). */
    static final List<String> PROCESSES = List.of("nats", "postgres", "blobstore_nginx", "director", "worker_1",
            "director_scheduler", "director_nginx", "health_monitor");

    /**
     * The VM's init: runs monit in the foreground and adopts and reaps every orphan below it
     * (PR_SET_CHILD_SUBREAPER). Without it stopped processes stay zombies where pid 1 does not reap, and monit
     * waits for each of them to go.
     */
    private static final String INIT = """
            #!/usr/bin/perl
            use strict;
            use POSIX ();
            my $prctl = eval { require "syscall.ph"; &SYS_prctl() } // {x86_64 => 157, aarch64 => 167}->{(POSIX::uname())[4]};
            syscall($prctl, 36, 1, 0, 0, 0) == 0 or die "prctl(PR_SET_CHILD_SUBREAPER): $!";
            my $child = fork() // die "fork: $!";
            if ($child == 0) { exec(@ARGV) or die "exec @ARGV: $!"; }
            $SIG{TERM} = sub { kill 'TERM', $child };
            while (1) { my $pid = wait(); exit 0 if $pid == $child || $pid == -1; }
            """;

    /** PID 1 of postgres' PID namespace, as tini is in a bpm container: runs postgres (PID 2), passes signals on. */
    private static final String POSTGRES_INIT = """
            #!/bin/bash
            # job control on, or the background child would ignore INT and QUIT, postgres' shutdown signals
            set -m
            "$(dirname "$0")/postgres" "$@" &
            child=$!
            for s in INT TERM QUIT; do trap "kill -$s $child 2>/dev/null" $s; done
            while kill -0 "$child" 2>/dev/null; do wait "$child"; done
            """;

    /**
     * The postgres stand-in: at start the cluster is "in production" and postmaster.pid holds its PID in its
     * namespace; a fast shutdown (INT or TERM) checkpoints ("shut down") and removes postmaster.pid; SIGQUIT (an
     * immediate shutdown) and SIGKILL leave the cluster "in production", and SIGKILL leaves postmaster.pid too.
     */
    private static final String POSTGRES = """
            #!/bin/bash
            pgdata=$1; log="$(dirname "$0")/../log/postgres.log"
            control() { printf '%s|%s\n' "$(date +%s)" "$1" > "$pgdata/global/pg_control"; }
            state=$(cut -d '|' -f 2 "$pgdata/global/pg_control" 2>/dev/null)
            if [ -n "$state" ] && [ "$state" != "shut down" ]; then
              echo "LOG: database system was not properly shut down; automatic recovery in progress" >> "$log"
            fi
            # a hung postgres (Faults.hangPostgres: stuck in I/O) hears nothing until SIGKILL
            hung="$(dirname "$0")/../run/postgres-hangs"
            trap 'if [ ! -f "$hung" ]; then echo "LOG: received fast shutdown request" >> "$log"; control "shut down"; rm -f "$pgdata/postmaster.pid"; echo "LOG: database system is shut down" >> "$log"; exit 0; fi' INT TERM
            trap 'if [ ! -f "$hung" ]; then echo "LOG: received immediate shutdown request" >> "$log"; rm -f "$pgdata/postmaster.pid"; exit 1; fi' QUIT
            control "in production"
            printf '%s\n%s\n%s\n5432\n/var/vcap/sys/run/%s\n127.0.0.1\n  5432001         0\nready   \n' \
              "$$" "/var/vcap/store/${pgdata##*/}" "$(date +%s)" "${pgdata##*/}" > "$pgdata/postmaster.pid"
            echo "LOG: database system is ready to accept connections" >> "$log"
            while :; do sleep infinity & wait $!; done
            """;

    void write() {
        try {
            Files.writeString(dir.monitrc(), monitrc());
            // stemcell_builder/stages/bosh_monit/apply.sh: chmod 0700 monitrc
            Files.setPosixFilePermissions(dir.monitrc(), PosixFilePermissions.fromString("rwx------"));
            ShellFiles.executable(dir.bin().resolve("ctl"), ctl());
            ShellFiles.executable(dir.bin().resolve("init"), INIT);
            ShellFiles.executable(dir.bin().resolve("postgres-init"), POSTGRES_INIT);
            ShellFiles.executable(dir.bin().resolve("postgres"), POSTGRES);
            // the job's config/postgresql.conf, which its bin/postgres copies into the data directory
            Files.writeString(dir.etc().resolve("postgresql.conf"), "listen_addresses = '127.0.0.1'\nport = 5432\n");
            PostgresRelease.writeJob(dir, postgresDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String monitrc() {
        String checks = PROCESSES.stream().map(p -> "check process " + p + " with pidfile " + dir.pidFile(p) + "\n"
                + "  start program = \"" + dir.bin().resolve("ctl") + " " + p + " start\" with timeout 30 seconds\n"
                + "  stop program = \"" + dir.bin().resolve("ctl") + " " + p + " stop\" with timeout 30 seconds\n"
                + "  group vcap\n"
                // as in bosh's jobs/*/monit: only the workers depend (on director); nothing depends on postgres, so
                // `monit stop postgres` leaves the director running without its database
                + (p.startsWith("worker_") ? "  depends on director\n" : ""))
                .collect(Collectors.joining("\n"));
        return "set daemon 1\n"
                + "set logfile " + dir.log().resolve("monit.log") + "\n"
                + "set pidfile " + dir.pidFile("monit") + "\n"
                + "set idfile " + dir.run().resolve("monit.id") + "\n"
                + "set statefile " + dir.run().resolve("monit.state") + "\n"
                + "set httpd unixsocket " + dir.monitSocket() + "\n"
                // the CLI talks to the daemon with the first user allowed here; monit refuses an httpd without one
                + "  allow vcap:" + java.util.UUID.randomUUID() + "\n\n"
                + checks;
    }

    private String ctl() {
        String pg = dir.store() + "/" + postgresDirectory;
        return """
                #!/bin/bash
                # ctl <process> start|stop, run by monit
                name=$1; action=$2
                home='%1$s'; run="$home/run"; log="$home/log"; pidfile="$run/$name.pid"; pgdata='%2$s'
                # a zombie is dead: where pid 1 does not reap, killed processes stay zombies
                alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
                mine() { tr '\\0' ' ' < /proc/$1/cmdline 2>/dev/null | grep -qF "$home/"; }
                standin() {
                  setsid nohup /bin/bash -c 'echo $$ > "$1"; exec -a "$2" sleep infinity' _ "$pidfile" "$run/$name" >/dev/null 2>&1 </dev/null &
                  for i in $(seq 100); do [ -s "$pidfile" ] && return 0; sleep 0.02; done; return 1
                }
                case "$action" in
                start)
                  pid=$(cat "$pidfile" 2>/dev/null); alive "$pid" && mine "$pid" && exit 0
                  rm -f "$pidfile"
                  case "$name" in
                  director)
                    setsid nohup '%3$s' -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '%4$s' \\
                      io.binarybosh.e2e.sim.process.DirectorProcessMain --tether '%5$s' --vm '%6$s' --pidfile "$pidfile" \\
                      >>"$log/director.log" 2>&1 </dev/null &
                    for i in $(seq 250); do [ -s "$pidfile" ] && exit 0; sleep 0.02; done; exit 1 ;;
                  postgres)
                    # the job's bin/postgres (bosh jobs/postgres/templates/postgres.erb, bash -e) copies its config into
                    # the data directory, then runs postgres -D on it: no directory, or no cluster in it (pre-start
                    # not run), and postgres does not start
                    if ! cp "$home/etc/postgresql.conf" "$pgdata/postgresql.conf" 2>>"$log/postgres.log" \\
                        || [ ! -f "$pgdata/PG_VERSION" ]; then
                      echo "FATAL: \\"$pgdata\\" is not a valid data directory" >> "$log/postgres.log"; exit 1
                    fi
                    chmod 0700 "$pgdata"
                    # a stale postmaster.pid names PID 2, which a new bpm container's postgres is itself: ignored
                    rm -f "$pgdata/postmaster.pid"
                    # a background job of a script ignores INT and QUIT, which postgres must hear: restore them
                    setsid nohup env --default-signal=INT,QUIT unshare --pid --fork --kill-child "$home/bin/postgres-init" "$pgdata" >/dev/null 2>&1 </dev/null &
                    echo $! > "$pidfile"
                    for i in $(seq 250); do [ -s "$pgdata/postmaster.pid" ] && exit 0; sleep 0.02; done; exit 1 ;;
                  *) standin ;;
                  esac ;;
                stop)
                  pid=$(cat "$pidfile" 2>/dev/null)
                  if alive "$pid" && mine "$pid"; then
                    if [ "$name" = postgres ]; then
                      # bpm stop: the shutdown signal to the container's init, 15 s, SIGQUIT, 2 s, SIGKILL (scaled)
                      init=$(pgrep -P "$pid" | head -n 1)
                      kill -INT "$init" 2>/dev/null
                      for i in $(seq %7$d); do alive "$pid" || break; sleep 0.02; done
                      if alive "$pid"; then kill -QUIT "$init" 2>/dev/null; for i in $(seq %8$d); do alive "$pid" || break; sleep 0.02; done; fi
                      alive "$pid" && kill -KILL "$pid"
                    else
                      kill -TERM "$pid"
                      for i in $(seq 750); do alive "$pid" || break; sleep 0.02; done
                      alive "$pid" && kill -KILL "$pid"
                    fi
                  fi
                  rm -f "$pidfile" ;;
                esac
                exit 0
                """.formatted(dir.root(), pg, javaCommand, classPath, tether, cid, polls(15), polls(2));
    }

    /** A bpm wait of that many seconds, scaled, in polls of 20 ms; one second at least, for a loaded machine. */
    private int polls(int seconds) {
        return (int) Math.max(50, Math.round(seconds * timeScale / 0.02));
    }
}
