package io.binarybosh.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaIdentityTest {

    @Test
    void theReplicaIdComesFirstThenThePodNameThenTheHostname() {
        Map<String, String> pod = Map.of("POD_NAME", "operator-abc", "HOSTNAME", "host");
        assertThat(ReplicaIdentity.of(pod, "replica-2")).startsWith("replica-2/");
        assertThat(ReplicaIdentity.of(Map.of("BINARYBOSH_REPLICA_ID", "r1", "POD_NAME", "p"), null))
                .startsWith("r1/");
        assertThat(ReplicaIdentity.of(pod, null)).startsWith("operator-abc/");
        assertThat(ReplicaIdentity.of(Map.of("HOSTNAME", "host"), " ")).startsWith("host/");
        assertThat(ReplicaIdentity.of(Map.of(), null)).startsWith("operator/");
    }

    @Test
    void eachProcessStartIsANewHolderOfTheSameReplica() {
        String first = ReplicaIdentity.of(Map.of("POD_NAME", "operator-abc"), null);
        String second = ReplicaIdentity.of(Map.of("POD_NAME", "operator-abc"), null);
        assertThat(first).isNotEqualTo(second).matches("operator-abc/[0-9a-f]{8}");
    }
}
