package io.binarybosh.operator.operation;

import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.OperationType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {

    private static BinaryBoshPairStatus migrationAt(String step, String stepStarted) {
        OperationStatus operation = new OperationStatus();
        operation.setType(OperationType.MIGRATION.wire());
        operation.setStep(step);
        operation.setStepStartedTime(stepStarted);
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setOperation(operation);
        status.setMigration(new MigrationStatus());
        return status;
    }

    @Test
    void aStepsEndWrittenByAnOperatorThatDiedBeforeTheNextWriteIsLoggedOnce() {
        BinaryBoshPairStatus status = migrationAt("UnpausingResurrection", "2026-12-04T16:00:00Z");
        Journal.recordStep(status, Instant.parse("2026-12-04T16:00:05Z"));
        // the restarted operator does the step again and records its end again
        Journal.recordStep(status, Instant.parse("2026-12-04T16:00:09Z"));
        assertThat(status.getMigration().getSteps()).singleElement().satisfies(record -> {
            assertThat(record.getStep()).isEqualTo("UnpausingResurrection");
            assertThat(record.getFinishedTime()).isEqualTo("2026-12-04T16:00:05Z");
        });
    }

    @Test
    void theSameStepStartedAgainIsLoggedAgain() {
        BinaryBoshPairStatus status = migrationAt("CopyingStore", "2026-12-04T16:00:00Z");
        Journal.recordStep(status, Instant.parse("2026-12-04T16:00:05Z"));
        status.getOperation().setStepStartedTime("2026-12-04T16:00:06Z");
        Journal.recordStep(status, Instant.parse("2026-12-04T16:00:09Z"));
        assertThat(status.getMigration().getSteps()).hasSize(2);
    }
}
