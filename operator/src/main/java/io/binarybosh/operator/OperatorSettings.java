package io.binarybosh.operator;

import io.binarybosh.operator.director.DirectorTimeouts;
import io.binarybosh.operator.logging.LogFormat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How this operator process runs, from environment variables, each overridable by a flag of the same name in
 * kebab case: {@code WATCH_NAMESPACES=a,b} or {@code --watch-namespaces=a,b}.
 *
 * @param watchNamespaces     namespaces to watch; empty means all
 * @param leaderElection      whether to take a Lease before reconciling (needed with more than one replica)
 * @param leaseName           the Lease's name
 * @param leaseNamespace      the Lease's namespace; empty means the namespace the operator runs in
 * @param healthPort          port of /healthz and /readyz (0 picks a free one)
 * @param pollingThreads      threads polling directors
 * @param directorTimeouts    timeouts of every director request
 * @param logFormat           {@code LOG_FORMAT}: {@code text} (default) or {@code json}, one object per line with
 *                            {@code time}, {@code level}, {@code logger}, {@code thread}, {@code pair},
 *                            {@code step}, {@code operation}, {@code message} and {@code error.*}; the log level
 *                            is {@code LOG_LEVEL}, read by the logging configuration itself
 */
public record OperatorSettings(Set<String> watchNamespaces, boolean leaderElection, String leaseName,
                               Optional<String> leaseNamespace, int healthPort, int pollingThreads,
                               DirectorTimeouts directorTimeouts, LogFormat logFormat) {

    public static OperatorSettings from(Map<String, String> environment, String[] args) {
        Map<String, String> values = new HashMap<>(environment);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unknown argument '" + arg + "': flags are --name=value");
            }
            String name = arg.substring(2, arg.indexOf('='));
            values.put(name.toUpperCase(Locale.ROOT).replace('-', '_'), arg.substring(arg.indexOf('=') + 1));
        }
        Function<String, Optional<String>> value = key -> Optional.ofNullable(values.get(key))
                .map(String::trim).filter(v -> !v.isEmpty());
        Set<String> namespaces = value.apply("WATCH_NAMESPACES")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        DirectorTimeouts defaults = DirectorTimeouts.defaults();
        return new OperatorSettings(namespaces,
                Boolean.parseBoolean(value.apply("LEADER_ELECTION_ENABLED").orElse("false")),
                value.apply("LEADER_ELECTION_LEASE_NAME").orElse("binary-bosh-operator"),
                value.apply("LEADER_ELECTION_NAMESPACE").or(() -> value.apply("POD_NAMESPACE")),
                integer(value, "HEALTH_PORT", 8080),
                integer(value, "POLLING_THREADS", 32),
                new DirectorTimeouts(
                        seconds(value, "DIRECTOR_CONNECT_TIMEOUT_SECONDS", defaults.connect()),
                        seconds(value, "DIRECTOR_READ_TIMEOUT_SECONDS", defaults.read()),
                        seconds(value, "DIRECTOR_CALL_TIMEOUT_SECONDS", defaults.call())),
                value.apply("LOG_FORMAT").map(LogFormat::parse).orElse(LogFormat.TEXT));
    }

    private static int integer(Function<String, Optional<String>> value, String key, int fallback) {
        try {
            return value.apply(key).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static Duration seconds(Function<String, Optional<String>> value, String key, Duration fallback) {
        return Duration.ofSeconds(integer(value, key, (int) fallback.toSeconds()));
    }
}
