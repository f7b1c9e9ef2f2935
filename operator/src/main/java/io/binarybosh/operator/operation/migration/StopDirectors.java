package io.binarybosh.operator.operation.migration;

import io.binarybosh.operator.decide.Step;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.DirectorRole;
import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.operation.Journal;
import io.binarybosh.operator.operation.OperationContext;
import io.binarybosh.operator.operation.StepHandler;
import io.binarybosh.operator.shell.MonitSummary;
import io.binarybosh.operator.shell.PostgresState;
import io.binarybosh.operator.shell.Shell;
import io.binarybosh.operator.shell.VmCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.binarybosh.operator.operation.migration.MigrationVms.COMMAND;
import static io.binarybosh.operator.operation.migration.MigrationVms.expect;

/**
 * {@code monit stop all} on Meta, Primary and the Micro, until monit reports every process stopped and
 * pg_controldata says the Micro's cluster was shut down cleanly (bpm's PID namespace makes postmaster.pid useless).
 */
final class StopDirectors implements StepHandler {

    static final Duration QUIESCE_DEADLINE = Duration.ofMinutes(5);

    @Override
    public void handle(OperationContext context, Step.OperationAction action) {
        BinaryBoshPair pair = context.pair();
        VmCommands commands = MigrationVms.commands(pair);
        List<String> notStopped = new ArrayList<>();
        boolean notCleanlyShutDown = false;
        boolean definitive = false;
        for (DirectorRole role : List.of(DirectorRole.META, DirectorRole.PRIMARY, DirectorRole.MICRO)) {
            try (Shell shell = role == DirectorRole.MICRO ? MigrationVms.micro(context)
                    : MigrationVms.shell(context, role)) {
                expect(shell.run(commands.monitStopAll(), COMMAND), "monit stop all on " + role.displayName());
                String summary = expect(shell.run(commands.monitSummary(), COMMAND), "monit summary on "
                        + role.displayName());
                boolean monitStopped = MonitSummary.allStopped(summary);
                if (!monitStopped) {
                    notStopped.add(role.displayName() + " " + running(summary));
                }
                // Only the Micro's store is copied; Meta's is moved aside whatever its state.
                if (role == DirectorRole.MICRO) {
                    PostgresState state = PostgresState.parse(expect(shell.run(commands.postgresState(
                            MigrationVms.microStore(pair)), COMMAND), "reading the Micro's store"));
                    for (PostgresState.DataDirectory d : state.notShutDown()) {
                        notStopped.add("the Micro's " + d + ": pg_controldata does not say 'shut down'");
                        notCleanlyShutDown = true;
                        // monit stopped all it runs: waiting would not change the cluster state
                        definitive |= monitStopped;
                    }
                }
            }
        }
        if (!notStopped.isEmpty()) {
            String what = "not stopped yet: " + String.join("; ", notStopped);
            if (definitive || MigrationVms.stepStarted(context.operation()).plus(QUIESCE_DEADLINE)
                    .isBefore(context.now())) {
                Journal.block(context,
                        notCleanlyShutDown ? Reason.SOURCE_NOT_CLEANLY_SHUT_DOWN : Reason.DIRECTORS_NOT_STOPPED,
                        "after monit stop all, " + what + ". Nothing is copied from or onto a director whose "
                                + "processes run; stop them (monit stop all) and the operator goes on");
            } else {
                Journal.message(context, what);
            }
            return;
        }
        BinaryBoshPair written = Journal.nextMigrationStep(context, OperationStep.MOVING_META_STORE_ASIDE,
                "every process stopped on the three VMs, postgres shut down cleanly: moving Meta's store aside", null);
        context.events().normal(written, Reason.DIRECTORS_STOPPED, "monit reports every process stopped on the Micro, "
                + "Primary and Meta, and no postgres runs on the Micro's or Meta's store");
    }

    static String running(String summary) {
        return MonitSummary.processes(summary).entrySet().stream()
                .filter(e -> !e.getValue().toLowerCase(Locale.ROOT).startsWith("not monitored")
                        || e.getValue().toLowerCase(Locale.ROOT).contains("pending"))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList().toString();
    }
}
