package io.binarybosh.operator.reconcile;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * This operator process's name in an operation's lease: {@code <replica>/<process>}. The replica is
 * {@code BINARYBOSH_REPLICA_ID} (system property {@code binarybosh.replicaId}; tests running two replicas on one
 * host), else the pod's name ({@code POD_NAME}, from the chart's downward API, or {@code HOSTNAME}); the process part
 * is random per start, so a restarted process is a new holder, recognised as the same pod's previous incarnation.
 */
public final class ReplicaIdentity {

    public static final String PROPERTY = "binarybosh.replicaId";
    private static final String CURRENT = of(System.getenv(), System.getProperty(PROPERTY));

    private ReplicaIdentity() {
    }

    public static String current() {
        return CURRENT;
    }

    static String of(Map<String, String> environment, String property) {
        String replica = Optional.ofNullable(property).filter(v -> !v.isBlank())
                .or(() -> value(environment, "BINARYBOSH_REPLICA_ID"))
                .or(() -> value(environment, "POD_NAME"))
                .or(() -> value(environment, "HOSTNAME"))
                .orElse("operator");
        byte[] process = new byte[4];
        new SecureRandom().nextBytes(process);
        return replica.replace('/', '-') + "/" + HexFormat.of().formatHex(process);
    }

    private static Optional<String> value(Map<String, String> environment, String key) {
        return Optional.ofNullable(environment.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
