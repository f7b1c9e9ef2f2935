package io.binarybosh.operator.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MonitSummaryTest {

    @Test
    void tableLayout() {
        String running = """
                Monit 5.33.0 uptime: 3m
                ┌─────────────────────────────────┬────────────────────────────┬───────────────┐
                │ Service Name                    │ Status                     │ Type          │
                ├─────────────────────────────────┼────────────────────────────┼───────────────┤
                │ bosh-micro                      │ OK                         │ System        │
                │ postgres                        │ OK                         │ Process       │
                │ director                        │ Not monitored              │ Process       │
                └─────────────────────────────────┴────────────────────────────┴───────────────┘
                """;
        assertThat(MonitSummary.processes(running)).containsEntry("postgres", "OK")
                .containsEntry("director", "Not monitored").doesNotContainKey("bosh-micro");
        assertThat(MonitSummary.allStopped(running)).isFalse();
        assertThat(MonitSummary.allStopped(running.replace("│ OK                         │ Process",
                "│ Not monitored              │ Process"))).isTrue();
    }

    @Test
    void tableWithoutBordersAsOverSsh() {
        String summary = """
                Monit 5.33.0 uptime: 0m
                 Service Name                     Status                      Type
                 vm-1a2b                          OK                          System
                 nats                             Not monitored               Process
                 postgres                         Not monitored - stop pending Process
                 director                         Not monitored               Process
                """;
        assertThat(MonitSummary.processes(summary)).containsOnlyKeys("nats", "postgres", "director");
        assertThat(MonitSummary.allStopped(summary)).as("a stop still pending is not stopped").isFalse();
        assertThat(MonitSummary.allStopped(summary.replace("Not monitored - stop pending", "Not monitored")))
                .isTrue();
    }

    @Test
    void olderLayout() {
        String summary = """
                The Monit daemon 5.2.5 uptime: 1h 2m

                Process 'nats'                      not monitored
                Process 'director'                  running
                System 'system_localhost'           running
                """;
        assertThat(MonitSummary.processes(summary)).containsOnlyKeys("nats", "director");
        assertThat(MonitSummary.allStopped(summary)).isFalse();
        assertThat(MonitSummary.allStopped(summary.replace("'director'                  running",
                "'director'                  not monitored"))).isTrue();
    }

    @Test
    void anEmptySummaryProvesNothing() {
        assertThat(MonitSummary.allStopped("Monit 5.33.0 uptime: 3m\n")).isFalse();
    }
}
