package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.kube.KubectlCompatibleApiServer;
import io.binarybosh.operator.Main;
import io.binarybosh.operator.operation.FaultHook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operator ({@link Main}) in a JVM of its own against the embedded API, as it runs in a cluster, optionally with
 * the fault hook's halt points: it then dies as a SIGKILL would end it at the first of them it reaches. Its output
 * goes to a log file, one per start, whose last halt line tells where it died.
 */
final class OperatorJvm implements AutoCloseable {

    private static final String HALTED = "binarybosh: halting before ";
    /** A short-lived JVM: no tiered compilation beyond C1 and the serial collector start it faster. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xss512k", "-Xmx384m");

    private final Process process;
    private final Path log;

    private OperatorJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the operator on {@code kubeconfig}'s API, halting at any of {@code haltBefore} (none: runs on). */
    static OperatorJvm start(Path kubeconfig, Collection<String> haltBefore, Path log) {
        return start(kubeconfig, haltBefore, log, null);
    }

    /**
     * As above, as replica {@code replicaId} of the operation leases: two replicas on one host share its HOSTNAME,
     * which would make each the other's previous incarnation (null: the HOSTNAME, as a restarted pod keeps it).
     */
    static OperatorJvm start(Path kubeconfig, Collection<String> haltBefore, Path log, String replicaId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        if (!haltBefore.isEmpty()) {
            command.add("-D" + FaultHook.HALT_PROPERTY + "=" + String.join(",", haltBefore));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.putAll(KubectlCompatibleApiServer.clientEnvironment());
        env.remove("KUBERNETES_MASTER");
        env.put("HEALTH_PORT", "0");
        env.put("LOG_LEVEL", "info");
        env.put("DIRECTOR_CONNECT_TIMEOUT_SECONDS", "2");
        env.put("DIRECTOR_READ_TIMEOUT_SECONDS", "5");
        env.put("DIRECTOR_CALL_TIMEOUT_SECONDS", "10");
        env.remove("BINARYBOSH_REPLICA_ID");
        if (replicaId != null) {
            env.put("BINARYBOSH_REPLICA_ID", replicaId);
        }
        try {
            return new OperatorJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The point the process halted at, once it has. */
    Optional<String> haltedAt() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        return output().lines().filter(l -> l.startsWith(HALTED)).reduce((a, b) -> b)
                .map(l -> l.substring(HALTED.length()).replaceAll(" \\(.*$", ""));
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** Ends the process at once (SIGKILL), as a node failure would. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
