package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.ShellException;
import io.binarybosh.operator.shell.VmCommands;

import java.util.Optional;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * Meta proven stopped, again, before each copy attempt, before the copy is verified and before Meta is started: a
 * Meta VM that rebooted meanwhile has monit start its director on a half-copied store, and an rsync --delete under
 * a live postgres is no copy. {@code monit stop all} is sent each time (a no-op on a stopped VM).
 */
final class MetaStopped {

    private MetaStopped() {
    }

    /**
     * {@code monit stop all}, then what still runs: empty when monit reports every process stopped and no postgres
     * runs on Meta's store.
     */
    static Optional<String> check(Shell meta, BinaryBoshPair pair) {
        return running(expect(meta.run(MigrationVms.commands(pair).stopAndReport(MigrationVms.metaStore(pair)),
                COMMAND), "monit stop all, monit summary and pg_controldata on Meta"));
    }

    /** What runs on Meta by a report (as {@link VmCommands#stopAndReport} prints it), empty when nothing does. */
    static Optional<String> running(String report) {
        String separator = VmCommands.PART + "\n";
        int part = report.indexOf(separator);
        if (part < 0) {
            throw new ShellException("Meta's monit summary and postgres state came without the line between them");
        }
        String summary = report.substring(0, part);
        if (!MonitSummary.allStopped(summary)) {
            return Optional.of("Meta's processes run " + StopDirectors.running(summary));
        }
        PostgresState state = PostgresState.parse(report.substring(part + separator.length()));
        // A store mid-copy holds the Micro's cleanly shut down cluster or half of it; only a postgres that runs on
        // it again writes "in production".
        boolean live = state.directories().stream().anyMatch(d -> d.clusterState().contains("in production"));
        return live ? Optional.of("a postgres runs on Meta's store (" + state.notShutDown() + ")") : Optional.empty();
    }
}
