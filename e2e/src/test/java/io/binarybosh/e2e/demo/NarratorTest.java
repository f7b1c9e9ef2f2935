package io.binarybosh.e2e.demo;

import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class NarratorTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicReference<BinaryBoshPair> pair = new AtomicReference<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Narrator narrator = new Narrator(new Console(new PrintStream(out, true, StandardCharsets.UTF_8)),
            () -> new PairView(pair.get()), () -> List.copyOf(events));

    @AfterEach
    void close() {
        narrator.close();
    }

    @Test
    void tellsEachNewEventOnceInTheOrderOfItsTime() throws Exception {
        narrator.start();
        events.add(event("b", "PreflightPassed", "the three directors answer", "2026-11-25T10:00:02Z"));
        events.add(event("a", "MigrationStarted", "preflight", "2026-11-25T10:00:01Z"));
        narrator.catchUp();
        narrator.catchUp();
        events.add(event("c", "Unreachable", "Primary has not answered", "2026-11-25T10:00:03Z", "Warning"));
        narrator.catchUp();

        assertThat(told()).containsExactly(
                " > event MigrationStarted: preflight",
                " > event PreflightPassed: the three directors answer",
                " > event Unreachable (warning): Primary has not answered");
    }

    @Test
    void tellsStepsCopyProgressPhaseAndManagersWhenTheyChange() throws Exception {
        narrator.start();
        pair.set(pair("Migrating", "Preflight", "checking", null, "micro"));
        narrator.catchUp();
        pair.set(pair("Migrating", "Preflight", "still checking", null, "micro"));
        narrator.catchUp();
        pair.set(pair("Migrating", "CopyingStore", "copying", 3L << 20, "micro"));
        narrator.catchUp();
        pair.set(pair("Migrating", "CopyingStore", "copying", 7L << 20, "meta"));
        narrator.catchUp();

        assertThat(told()).containsExactly(
                " > phase Migrating",
                " > step Migration/Preflight: checking",
                " > primary runs on VM vm-1, deployed by micro",
                " > step Migration/CopyingStore: copying",
                " > copy: 3.0 MiB, 2 files at 1.00MB/s",
                " > copy: 7.0 MiB, 2 files at 1.00MB/s",
                " > primary runs on VM vm-1, deployed by meta");
    }

    @Test
    void saysNothingBeforeThePairExists() throws Exception {
        narrator.start();
        narrator.catchUp();

        assertThat(told()).isEmpty();
    }

    private List<String> told() {
        List<String> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.replaceFirst("^\\[\\d\\d:\\d\\d\\] ", ""));
            }
        }
        return lines;
    }

    private static BinaryBoshPair pair(String phase, String step, String message, Long copied, String manager) {
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setPhase(phase);
        OperationStatus operation = new OperationStatus();
        operation.setType("Migration");
        operation.setStep(step);
        operation.setMessage(message);
        status.setOperation(operation);
        MigrationStatus migration = new MigrationStatus();
        migration.setCopiedBytes(copied);
        migration.setCopiedFiles(2L);
        migration.setCopyRate("1.00MB/s");
        status.setMigration(migration);
        DirectorStatus primary = new DirectorStatus();
        primary.setVmCid("vm-1");
        primary.setManagedBy(manager);
        status.setPrimary(primary);
        BinaryBoshPair pair = new BinaryBoshPair();
        pair.setStatus(status);
        return pair;
    }

    private static Event event(String name, String reason, String message, String time) {
        return event(name, reason, message, time, "Normal");
    }

    private static Event event(String name, String reason, String message, String time, String type) {
        return new EventBuilder().withNewMetadata().withName(name).endMetadata().withReason(reason)
                .withMessage(message).withLastTimestamp(time).withType(type).build();
    }
}
