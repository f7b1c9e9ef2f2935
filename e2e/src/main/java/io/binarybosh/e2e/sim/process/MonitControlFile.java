package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The monit control file of a director VM and the control script of its processes. `director` is the
 * simulator (a java process); the others are stand-ins that monit really starts and stops. `postgres` keeps a
 * `postmaster.pid` in the store while it runs and removes it only on a clean stop, as PostgreSQL does.
 */
record MonitControlFile(HostDir dir, String javaCommand, String classPath, String tether, String cid) {
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

    void write() {
        try {
            Files.writeString(dir.monitrc(), monitrc());
            Files.setPosixFilePermissions(dir.monitrc(), PosixFilePermissions.fromString("rw-------"));
            ShellFiles.executable(dir.bin().resolve("ctl"), ctl());
            ShellFiles.executable(dir.bin().resolve("init"), INIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String monitrc() {
        String checks = PROCESSES.stream().map(p -> "check process " + p + " with pidfile " + dir.pidFile(p) + "\n"
                + "  start program = \"" + dir.bin().resolve("ctl") + " " + p + " start\" with timeout 30 seconds\n"
                + "  stop program = \"" + dir.bin().resolve("ctl") + " " + p + " stop\" with timeout 30 seconds\n"
                + "  group vcap\n"
                + (p.equals("nats") || p.equals("postgres") ? "" : "  depends on postgres, nats\n"))
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
        String pg = dir.store() + "/postgres-15";
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
                    mkdir -p "$pgdata"
                    if [ -f "$pgdata/postmaster.pid" ]; then
                      old=$(head -1 "$pgdata/postmaster.pid")
                      if alive "$old" && mine "$old"; then echo "FATAL: lock file postmaster.pid already exists" >>"$log/postgres.log"; exit 1; fi
                      echo "LOG: database system was not properly shut down; automatic recovery in progress" >>"$log/postgres.log"
                      rm -f "$pgdata/postmaster.pid"
                    fi
                    standin || exit 1
                    printf '%%s\\n%%s\\n%%s\\n5432\\n/var/vcap/sys/run/postgres-15\\n127.0.0.1\\n0\\nready\\n' "$(cat "$pidfile")" "/var/vcap/store/postgres-15" "$(date +%%s)" > "$pgdata/postmaster.pid"
                    echo "LOG: database system is ready to accept connections" >>"$log/postgres.log" ;;
                  *) standin ;;
                  esac ;;
                stop)
                  pid=$(cat "$pidfile" 2>/dev/null)
                  if alive "$pid" && mine "$pid"; then
                    kill -TERM "$pid"
                    for i in $(seq 750); do alive "$pid" || break; sleep 0.02; done
                    alive "$pid" && kill -KILL "$pid"
                  fi
                  # postgres removes postmaster.pid as it exits, before anyone sees it stopped
                  if [ "$name" = postgres ]; then rm -f "$pgdata/postmaster.pid"; echo "LOG: database system is shut down" >>"$log/postgres.log"; fi
                  rm -f "$pidfile" ;;
                esac
                exit 0
                """.formatted(dir.root(), pg, javaCommand, classPath, tether, cid);
    }
}
