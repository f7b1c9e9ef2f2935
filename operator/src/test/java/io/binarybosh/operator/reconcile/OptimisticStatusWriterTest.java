package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.model.BinaryBoshPair;
import io.binarybosh.operator.model.BinaryBoshPairStatus;
import io.binarybosh.operator.model.DirectorStatus;
import io.binarybosh.operator.model.OperationRecord;
import io.binarybosh.operator.model.StatusConflictException;
import io.binarybosh.operator.support.MockKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status writes against fabric8's mock API server: based on a resource version, never over a newer one. */
class OptimisticStatusWriterTest {

    private MockKubernetes kubernetes;
    private KubernetesClient client;
    private final List<String> cached = new ArrayList<>();
    private OptimisticStatusWriter writer;

    @BeforeEach
    void start() throws IOException {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
        writer = new OptimisticStatusWriter(client, (newer, replaced) -> cached.add(
                replaced.getMetadata().getResourceVersion() + "->" + newer.getMetadata().getResourceVersion()));
        client.resource(TestPairs.pair("https://10.0.0.6:25555", "https://10.0.0.7:25555")).create();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    private BinaryBoshPair read() {
        return client.resources(BinaryBoshPair.class).inNamespace("bosh-system").withName("bosh").get();
    }

    private static BinaryBoshPairStatus status(String phase, String metaDeployment) {
        BinaryBoshPairStatus status = new BinaryBoshPairStatus();
        status.setPhase(phase);
        DirectorStatus meta = new DirectorStatus();
        meta.setName("meta-bosh");
        meta.setDeployments(new ArrayList<>(List.of("bosh-primary", metaDeployment)));
        status.setMeta(meta);
        OperationRecord record = new OperationRecord();
        record.setId("repair-1");
        record.setResult("Succeeded");
        status.getHistory().add(record);
        return status;
    }

    @Test
    void writesTheStatusAndCachesWhatWasWritten() {
        BinaryBoshPair read = read();

        BinaryBoshPair written = writer.write(read, status("Degraded", "cf"));

        assertThat(written.getMetadata().getResourceVersion()).isNotEqualTo(read.getMetadata().getResourceVersion());
        assertThat(read().getStatus().getPhase()).isEqualTo("Degraded");
        assertThat(cached).containsExactly(read.getMetadata().getResourceVersion() + "->"
                + written.getMetadata().getResourceVersion());
    }

    @Test
    void aStatusThatSerializesAlikeIsNotSent() {
        BinaryBoshPair written = writer.write(read(), status("Degraded", "cf"));
        int requests = kubernetes.requestCount();

        BinaryBoshPair again = writer.write(written, status("Degraded", "cf"));

        assertThat(again).isSameAs(written);
        assertThat(kubernetes.requestCount()).isEqualTo(requests);
        assertThat(cached).hasSize(1);
    }

    @Test
    void aChangeDeepInsideTheStatusIsWritten() {
        BinaryBoshPair written = writer.write(read(), status("Degraded", "cf"));
        BinaryBoshPairStatus nested = status("Degraded", "cf");
        nested.getHistory().get(0).setResult("Failed");
        int requests = kubernetes.requestCount();

        BinaryBoshPair again = writer.write(written, nested);

        assertThat(kubernetes.requestCount()).isEqualTo(requests + 1);
        assertThat(again.getMetadata().getResourceVersion())
                .isNotEqualTo(written.getMetadata().getResourceVersion());
        assertThat(read().getStatus().getHistory().get(0).getResult()).isEqualTo("Failed");

        BinaryBoshPairStatus listItem = status("Degraded", "zookeeper");
        listItem.getHistory().get(0).setResult("Failed");
        writer.write(again, listItem);
        assertThat(read().getStatus().getMeta().getDeployments()).containsExactly("bosh-primary", "zookeeper");
    }

    @Test
    void aWriteBasedOnAnOlderVersionFailsAndLeavesTheOtherWritersStatus() {
        BinaryBoshPair ours = writer.write(read(), status("Degraded", "cf"));
        // Another writer (a person, a second replica) changes the status after we read it.
        BinaryBoshPair theirs = read();
        theirs.getStatus().setPhase("Repairing");
        theirs.getStatus().getHistory().clear();
        BinaryBoshPair theirsWritten = client.resource(theirs).updateStatus();
        int requests = kubernetes.requestCount();

        assertThatThrownBy(() -> writer.write(ours, status("MutuallyManaged", "cf")))
                .isInstanceOf(StatusConflictException.class)
                .hasMessageContaining("bosh-system/bosh")
                .satisfies(e -> assertThat(((StatusConflictException) e).resourceVersion())
                        .isEqualTo(ours.getMetadata().getResourceVersion()));
        assertThat(kubernetes.requestCount()).as("one refused write and one read, no retry")
                .isEqualTo(requests + 2);

        BinaryBoshPair after = read();
        assertThat(after.getStatus().getPhase()).as("the other writer's status is intact").isEqualTo("Repairing");
        assertThat(after.getStatus().getHistory()).isEmpty();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(theirsWritten.getMetadata()
                .getResourceVersion());
        assertThat(cached).as("the cache is told of the other writer's version, to decide from it next")
                .endsWith(ours.getMetadata().getResourceVersion() + "->"
                        + theirsWritten.getMetadata().getResourceVersion());
    }
}
