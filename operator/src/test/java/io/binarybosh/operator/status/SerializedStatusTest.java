package io.binarybosh.operator.status;

import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.MigrationStatus;
import io.binarybosh.operator.model.MigrationStepRecord;
import io.binarybosh.operator.model.OperationStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a status is written is decided on what would be stored, down to the deepest field. */
class SerializedStatusTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private static BinaryBoshPairStatus status() {
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setPhase("Migrating");
        status.setConditions(new ArrayList<>(List.of(new ConditionBuilder().withType("Ready").withStatus("False")
                .withReason("NotYetManaged").withMessage("m").build())));
        OperationStatus operation = new OperationStatus();
        operation.setId("migration-1");
        operation.setStep("CopyingStore");
        status.setOperation(operation);
        MigrationStatus migration = new MigrationStatus();
        MigrationStepRecord step = new MigrationStepRecord();
        step.setStep("StoppingDirectors");
        step.setFinishedTime("2026-11-25T10:00:00Z");
        migration.setSteps(new ArrayList<>(List.of(step)));
        status.setMigration(migration);
        return status;
    }

    @Test
    void equalStatusesAreTheSame() {
        assertThat(SerializedStatus.same(serialization, status(), status())).isTrue();
        assertThat(SerializedStatus.same(serialization, status(), serialization.clone(status()))).isTrue();
    }

    @Test
    void aDifferenceInANestedListItemCounts() {
        BinaryBoshPairStatus changed = status();
        changed.getMigration().getSteps().get(0).setFinishedTime("2026-11-25T10:00:01Z");
        assertThat(SerializedStatus.same(serialization, status(), changed)).isFalse();

        BinaryBoshPairStatus condition = status();
        condition.getConditions().get(0).setMessage("another message");
        assertThat(SerializedStatus.same(serialization, status(), condition)).isFalse();
    }

    @Test
    void noStatusDiffersFromAnEmptyOne() {
        assertThat(SerializedStatus.same(serialization, null, new BinaryBoshPairStatus())).isFalse();
        assertThat(SerializedStatus.same(serialization, null, null)).isTrue();
    }

    @Test
    void theDifferencesAreNamedByPathWithoutTheirValues() {
        BinaryBoshPairStatus changed = status();
        changed.getMigration().getSteps().get(0).setFinishedTime("2026-11-25T10:00:01Z");
        changed.getConditions().get(0).setMessage("a secret-looking message");
        changed.setAwaitedApproval("migration-1-fence");
        changed.getMigration().getSteps().add(new MigrationStepRecord());

        assertThat(SerializedStatus.differences(serialization, status(), changed)).containsExactly(
                "awaitedApproval", "conditions[0].message", "migration.steps");
        assertThat(SerializedStatus.differences(serialization, status(), status())).isEmpty();
        assertThat(SerializedStatus.differences(serialization, null, status())).containsExactly("status");
    }
}
