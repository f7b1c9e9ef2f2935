package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.OperationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.binarybosh.e2e.operator.FaultEvidence.asides;
import static io.binarybosh.e2e.operator.FaultEvidence.fingerprint;
import static io.binarybosh.e2e.operator.FaultEvidence.single;
import static io.binarybosh.e2e.operator.FaultEvidence.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's {@code binarybosh.io/abort=<operation id>} on a migration past its copy and before the fence (process
 * mode, the operator in a JVM of its own): the migration goes back, every store's fingerprint is as before, the copy
 * is kept aside on Meta, the three directors run and resurrection is unpaused; nothing was recreated or done twice.
 */
@ExtendWith(ProcessWorldLock.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AbortByAnnotationTest {

    private static final Duration RUN = Duration.ofSeconds(150);
    /** The steps after which an abort finds Meta's own store aside and something copied onto Meta. */
    private static final Set<String> PAST_THE_COPY = Set.of("VerifyingCopy", "StartingMeta", "AwaitingFenceApproval");

    @TempDir
    static Path dir;
    static World world;
    static OperatorUnderTest api;
    static FaultEvidence evidence;
    static OperatorJvm operator;

    @BeforeAll
    static void world() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
        world = ProcessWorlds.start(ProcessWorlds.THREE, Files.createDirectory(dir.resolve("world")));
        api = new OperatorUnderTest();
        evidence = new FaultEvidence(world, api);
    }

    @AfterAll
    static void close() throws InterruptedException {
        if (operator != null) {
            operator.close();
        }
        if (api != null) {
            api.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void anAbortPastTheCopyBringsEveryDirectorBackAsBefore() throws Exception {
        FaultEvidence.Before before = evidence.before();
        MigrationSetup.declare(api, world, ApprovalMode.Manual);
        operator = OperatorJvm.start(api.kubeconfig(), List.of(), Path.of("target", "abort-by-annotation.log"));

        String[] id = {null};
        awaitOperator("the migration past its copy", () -> {
            OperationStatus operation = api.operation();
            if (operation == null) {
                return false;
            }
            id[0] = operation.getId();
            if ("AwaitingApproval".equals(operation.getStep())
                    && !operation.getId().equals(api.annotation("binarybosh.io/approve"))) {
                api.annotate("binarybosh.io/approve", operation.getId());
            }
            return PAST_THE_COPY.contains(operation.getStep());
        });
        awaitOperator("the abort accepted", () -> {
            OperationStatus operation = api.operation();
            if (operation != null && !id[0].equals(api.annotation("binarybosh.io/abort"))) {
                api.annotate("binarybosh.io/abort", id[0]);
            }
            return operation == null || operation.getStep().startsWith("Abort");
        });
        awaitOperator("the migration aborted", () -> api.operation() == null);

        OperationRecord record = api.pair().getStatus().getHistory().get(0);
        assertThat(record.getType()).isEqualTo("Migration");
        assertThat(record.getId()).isEqualTo(id[0]);
        assertThat(record.getResult()).as(record.getMessage()).isEqualTo("Aborted");
        api.expectEvents("MigrationAborting", 1);
        List<String> metaCommands = evidence.abortedAsBefore(before, RUN);
        assertThat(FaultEvidence.restores(metaCommands)).as("Meta's store moved back once").hasSize(1);
    }

    private static void awaitOperator(String what, java.util.function.BooleanSupplier done) {
        try {
            await(what).atMost(RUN).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!operator.alive()) {
                    throw new AssertionError("operator exited " + operator.exitCode() + ":\n" + tail(operator.output()));
                }
                return done.getAsBoolean();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(operator.output()), e);
        }
    }
}
