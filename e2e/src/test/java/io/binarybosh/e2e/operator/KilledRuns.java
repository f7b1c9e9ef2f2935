package io.binarybosh.e2e.operator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.binarybosh.e2e.operator.FaultEvidence.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix's kills: the operator run in a JVM of its own ({@link OperatorJvm}) again and again until
 * {@code done}, each run halted (as by SIGKILL) at the first of the points not passed yet, the last run with none
 * left.
 */
final class KilledRuns {

    /** Where the runs halted, in order, and the last run, left running. */
    record Outcome(List<String> halted, OperatorJvm last) {
    }

    private KilledRuns() {
    }

    /**
     * @param nextLog  the log file of each run, asked once per run
     * @param eachLook runs at every look at the operator (a person's approval, a fault at a given step)
     */
    static Outcome until(Path kubeconfig, List<String> points, Supplier<Path> nextLog, Duration limit,
                         BooleanSupplier done, Runnable eachLook) throws InterruptedException {
        List<String> remaining = new ArrayList<>(points);
        List<String> halted = new ArrayList<>();
        while (true) {
            Path log = nextLog.get();
            long started = System.nanoTime();
            OperatorJvm jvm = OperatorJvm.start(kubeconfig, remaining, log);
            try {
                await(log.getFileName() + " halting at one of " + remaining + " or done").atMost(limit)
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            eachLook.run();
                            return !jvm.alive() || done.getAsBoolean();
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                jvm.close();
                throw new AssertionError(e.getMessage() + "\noperator output:\n" + tail(jvm.output()), e);
            }
            System.out.printf("fault matrix: %s %s after %d ms%n", log.getFileName(), jvm.alive() ? "done"
                    : "halted at " + jvm.haltedAt().orElse("?"), (System.nanoTime() - started) / 1_000_000);
            if (jvm.alive()) {
                return new Outcome(halted, jvm);
            }
            String at = jvm.haltedAt().orElseThrow(() -> new AssertionError("the operator died (exit "
                    + jvm.exitCode() + ") without halting at a point:\n" + tail(jvm.output())));
            assertThat(jvm.exitCode()).isEqualTo(137);
            assertThat(remaining).as("halted at a point it was given").contains(at);
            halted.add(at);
            remaining.remove(at);
        }
    }
}
