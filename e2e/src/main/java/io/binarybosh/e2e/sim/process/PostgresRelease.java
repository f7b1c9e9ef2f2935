package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the bosh release puts on a director VM for postgres: the packages' programs ({@code postgres-15} and
 * {@code postgres-13}: {@code pg_controldata}, {@code initdb}, and 15's {@code pg_upgrade}, stand-ins acting on the
 * stand-in cluster: {@code PG_VERSION}, {@code global/pg_control}, the data files) and the job's {@code pre-start}
 * (bosh jobs/postgres/templates/pre-start.erb, jobs/postgres-13/templates/pre-start.erb). Pre-start runs only when
 * the agent runs it ({@code run_script pre-start}, bosh director starter.rb, before the agent's start), never on a
 * {@code monit start}. The obsolete 9.4/10 directories and the glibc reindex are left out, only the tracking
 * folder pre-start leaves in the store is made.
 */
final class PostgresRelease {
    /** The postgres job of the current release and the deprecated one, by the data directory each uses. */
    static String job(String postgresDirectory) {
        return postgresDirectory.equals("postgres-13") ? "postgres-13" : "postgres";
    }

    private PostgresRelease() {
    }

    static void writePackages(HostDir dir) throws IOException {
        for (String major : new String[] {"15", "13"}) {
            Path bin = dir.vcap().resolve("packages/postgres-" + major + "/bin");
            Files.createDirectories(bin);
            ShellFiles.executable(bin.resolve("pg_controldata"), pgControldata(major));
            ShellFiles.executable(bin.resolve("initdb"), initdb(major));
        }
        ShellFiles.executable(dir.vcap().resolve("packages/postgres-15/bin/pg_upgrade"), PG_UPGRADE);
    }

    /** The pre-start of the VM's postgres job, at /var/vcap/jobs/JOB/bin/pre-start. */
    static void writeJob(HostDir dir, String postgresDirectory) throws IOException {
        String job = job(postgresDirectory);
        Path bin = dir.vcap().resolve("jobs/" + job + "/bin");
        Files.createDirectories(bin);
        ShellFiles.executable(bin.resolve("pre-start"), preStart(postgresDirectory.substring("postgres-".length())));
    }

    /**
     * The steps of the job's pre-start: the deprecated postgres-13 job fails when a postgres-15 directory exists;
     * a data directory without postgresql.conf gets initdb and a {@code fresh} mark; postgres-15's pre-start then
     * upgrades a postgres-13 directory with pg_upgrade and removes it ({@code rm -rf}); a stale postmaster.pid
     * goes; the glibc tracking folder is (re)written.
     */
    private static String preStart(String current) {
        return """
                #!/bin/bash
                set -eu
                set -o pipefail
                CURRENT=%1$s
                PACKAGE_DIR=/var/vcap/packages/postgres-$CURRENT
                PERSISTENT_DISK_DIR=/var/vcap/store
                STORE_DIR=$PERSISTENT_DISK_DIR/postgres-$CURRENT
                if [ "$CURRENT" = 13 ] && [ -d "$PERSISTENT_DISK_DIR/postgres-15" ]; then
                  echo "Intentionally failing because data from a newer postgres job may already exist in /var/vcap/store/postgres-15"
                  exit 1
                fi
                if [[ ! -d $STORE_DIR || ! -f $STORE_DIR/postgresql.conf ]]; then
                  mkdir -p "$STORE_DIR"
                  "$PACKAGE_DIR/bin/initdb" -E utf8 -D "$STORE_DIR"
                  touch "$STORE_DIR/fresh"
                fi
                if [[ -f $STORE_DIR/fresh ]]; then
                  if [ "$CURRENT" = 15 ] && [ -d "$PERSISTENT_DISK_DIR/postgres-13" ]; then
                    echo "copying contents of postgres-13 to postgres-15 for postgres upgrade..."
                    "$PACKAGE_DIR/bin/pg_upgrade" --old-bindir=/var/vcap/packages/postgres-13/bin \\
                      --new-bindir="$PACKAGE_DIR/bin" --old-datadir="$PERSISTENT_DISK_DIR/postgres-13" \\
                      --new-datadir="$STORE_DIR"
                    echo "successfully upgraded from postgres-13"
                    rm -rf "$PERSISTENT_DISK_DIR/postgres-13"
                  fi
                  rm "$STORE_DIR/fresh"
                fi
                rm -f "$STORE_DIR/postmaster.pid"
                mkdir -p "$PERSISTENT_DISK_DIR/postgres-previous-glibc-tracking"
                dpkg-query --show --showformat '${Version}\\n' libc6 | grep -Eo '^[0-9.]+' \\
                  > "$PERSISTENT_DISK_DIR/postgres-previous-glibc-tracking/previous-glibc-version.txt"
                """.formatted(current);
    }

    /** initdb: refuses a directory that is not empty, as PostgreSQL's does; makes a cluster that is shut down. */
    private static String initdb(String major) {
        return """
                #!/bin/bash
                dir=
                while [ $# -gt 0 ]; do case "$1" in -D) dir=$2; shift 2 ;; --pgdata=*) dir=${1#--pgdata=}; shift ;; *) shift ;; esac; done
                if [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
                  echo "initdb: error: directory \\"$dir\\" exists but is not empty" >&2; exit 1
                fi
                mkdir -p "$dir/global" && chmod 0700 "$dir"
                echo %1$s > "$dir/PG_VERSION"
                printf '%%s|shut down\\n' "$(date +%%s)" > "$dir/global/pg_control"
                printf 'local all all trust\\n' > "$dir/pg_hba.conf"
                : > "$dir/postgresql.conf"
                echo "Success. You can now start the database server using: pg_ctl -D $dir -l logfile start"
                """.formatted(major);
    }

    /**
     * pg_upgrade (copy mode): refuses an old cluster that was not shut down cleanly and a new one of another
     * major; copies the old cluster's databases (here: every file that is not the cluster's own) into the new one
     * and leaves the old directory as it was.
     */
    private static final String PG_UPGRADE = """
            #!/bin/bash
            for a in "$@"; do case "$a" in --old-datadir=*) old=${a#*=} ;; --new-datadir=*) new=${a#*=} ;; esac; done
            if [ "$(cut -d '|' -f 2 "$old/global/pg_control" 2>/dev/null)" != "shut down" ]; then
              echo "The source cluster was not shut down cleanly." >&2; echo "Failure, exiting" >&2; exit 1
            fi
            if [ "$(cat "$new/PG_VERSION" 2>/dev/null)" != 15 ]; then
              echo "New cluster data and binary directories are from different major versions." >&2; exit 1
            fi
            for f in "$old"/* "$old"/.[!.]*; do
              [ -e "$f" ] || continue
              case "${f##*/}" in PG_VERSION|global|postgresql.conf|pg_hba.conf|postmaster.pid|pg_log|fresh) continue ;; esac
              cp -a "$f" "$new/" || exit 1
            done
            echo "Upgrade Complete"
            """;

    /**
     * pg_controldata: reads the stand-in's control file ({@code global/pg_control}, one line: when and the
     * cluster state) and prints the first lines PostgreSQL's prints, with its error when the file cannot be read
     * (PGDATA is 0700: without sudo, permission denied).
     */
    private static String pgControldata(String major) {
        String catalog = major.equals("13") ? "202007201" : "202209061";
        return """
                #!/bin/bash
                case "$1" in -D) dir=$2 ;; --pgdata=*) dir=${1#--pgdata=} ;; "") dir=$PGDATA ;; *) dir=$1 ;; esac
                if [ -z "$dir" ]; then echo "pg_controldata: error: no data directory specified" >&2; exit 1; fi
                f="$dir/global/pg_control"
                if ! line=$(cat "$f" 2>/dev/null); then
                  err=$(cat "$f" 2>&1 >/dev/null)
                  echo "pg_controldata: error: could not open file \\"$f\\" for reading: ${err##*: }" >&2; exit 1
                fi
                state=${line#*|}; stamp=${line%%%%|*}
                printf '%%-37s %%s\\n' "pg_control version number:" 1300 "Catalog version number:" %1$s \\
                  "Database system identifier:" 7301928347561234567 "Database cluster state:" "$state" \\
                  "pg_control last modified:" "$(LC_ALL=C date -d "@$stamp" '+%%a %%d %%b %%Y %%I:%%M:%%S %%p %%Z')"
                """.formatted(catalog);
    }
}
