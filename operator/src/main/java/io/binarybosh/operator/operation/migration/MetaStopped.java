package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.Shell;
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
        expect(meta.run(MigrationVms.commands(pair).monitStopAll(), COMMAND), "monit stop all on Meta");
        return runningNow(meta, pair);
    }

    /** What runs on Meta now, without stopping anything: for a step that must record what it saw first. */
    static Optional<String> runningNow(Shell meta, BinaryBoshPair pair) {
        VmCommands commands = MigrationVms.commands(pair);
        String summary = expect(meta.run(commands.monitSummary(), COMMAND), "monit summary on Meta");
        if (!MonitSummary.allStopped(summary)) {
            return Optional.of("Meta's processes run " + StopDirectors.running(summary));
        }
        PostgresState state = PostgresState.parse(expect(meta.run(commands.postgresState(
                MigrationVms.metaStore(pair)), COMMAND), "reading Meta's store"));
        // A store mid-copy holds the Micro's cleanly shut down cluster or half of it; only a postgres that runs on
        // it again writes "in production".
        boolean live = state.directories().stream().anyMatch(d -> d.clusterState().contains("in production"));
        return live ? Optional.of("a postgres runs on Meta's store (" + state.notShutDown() + ")") : Optional.empty();
    }
}
