package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.events.EventRecorder;
import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationStatus;
import io.binarybosh.operator.model.StatusConflictException;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change written after an action (a step's record) meets another writer's: written again on the newer version
 * when that writer only refreshed observations, as a second replica does every poll; refused otherwise.
 */
class StatusPublisherTest {

    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private StatusPublisher publisher;

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        publisher = new StatusPublisher(new OptimisticStatusWriter(client, (newer, replaced) -> { }),
                client.getKubernetesSerialization(), new EventRecorder(client, Clock.systemUTC()), t -> { });
        client.resource(TestPairs.pair("https://10.0.0.6:25555", "https://10.0.0.7:25555")).create();
        BinaryBoshPair pair = read();
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        OperationStatus operation = new OperationStatus();
        operation.setId("migration-1");
        operation.setType("Migration");
        operation.setStep("StoppingDirectors");
        status.setOperation(operation);
        pair.setStatus(status);
        client.resource(pair).updateStatus();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    @Test
    void aRecordMeetingAnotherReplicasObservationsIsWrittenOnTheirVersionKeepingThem() {
        BinaryBoshPair read = read();
        otherWriter(status -> {
            DirectorStatus meta = new DirectorStatus();
            meta.setName("meta-bosh");
            status.setMeta(meta);
            status.setPhase("Migrating");
        });

        BinaryBoshPair written = publisher.update(read,
                status -> status.getOperation().setStep("MovingMetaStoreAside"));

        BinaryBoshPair now = read();
        assertThat(now.getStatus().getOperation().getStep()).isEqualTo("MovingMetaStoreAside");
        assertThat(now.getStatus().getMeta().getName()).as("the other writer's observation kept")
                .isEqualTo("meta-bosh");
        assertThat(now.getStatus().getPhase()).isEqualTo("Migrating");
        assertThat(written.getMetadata().getResourceVersion()).isEqualTo(now.getMetadata().getResourceVersion());
        assertThat(publisher.latest()).contains(written);
    }

    @Test
    void aRecordMeetingAnotherWritersOperationIsRefusedAndLeavesIt() {
        BinaryBoshPair read = read();
        otherWriter(status -> status.getOperation().setStep("MovingMetaStoreAside"));

        assertThatThrownBy(() -> publisher.update(read, status -> status.getOperation().setMessage("not stopped")))
                .isInstanceOf(StatusConflictException.class);

        assertThat(read().getStatus().getOperation().getStep()).isEqualTo("MovingMetaStoreAside");
        assertThat(read().getStatus().getOperation().getMessage()).isNull();
    }

    @Test
    void aRecordMeetingAPersonsAnnotationIsRefused() {
        BinaryBoshPair read = read();
        BinaryBoshPair annotated = read();
        annotated.getMetadata().setAnnotations(Map.of("binarybosh.io/abort", "migration-1"));
        client.resource(annotated).update();

        assertThatThrownBy(() -> publisher.update(read,
                status -> status.getOperation().setStep("MovingMetaStoreAside")))
                .isInstanceOf(StatusConflictException.class);
        assertThat(read().getStatus().getOperation().getStep()).isEqualTo("StoppingDirectors");
    }

    private void otherWriter(Consumer<BinaryBoshPairStatus> change) {
        BinaryBoshPair theirs = read();
        change.accept(theirs.getStatus());
        client.resource(theirs).updateStatus();
    }

    private BinaryBoshPair read() {
        return client.resources(BinaryBoshPair.class).inNamespace("bosh-system").withName("bosh").get();
    }
}
