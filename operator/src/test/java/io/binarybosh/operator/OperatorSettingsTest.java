package io.binarybosh.operator;

import io.binarybosh.operator.logging.LogFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorSettingsTest {

    @Test
    void defaults() {
        OperatorSettings settings = OperatorSettings.from(Map.of(), new String[0]);
        assertThat(settings.watchNamespaces()).isEmpty();
        assertThat(settings.leaderElection()).isFalse();
        assertThat(settings.leaseName()).isEqualTo("binary-bosh-operator");
        assertThat(settings.leaseNamespace()).isEmpty();
        assertThat(settings.healthPort()).isEqualTo(8080);
        assertThat(settings.directorTimeouts().connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void environmentThenFlags() {
        OperatorSettings settings = OperatorSettings.from(
                Map.of("WATCH_NAMESPACES", "a, b", "LEADER_ELECTION_ENABLED", "true", "POD_NAMESPACE", "ops",
                        "HEALTH_PORT", "9000"),
                new String[]{"--watch-namespaces=c", "--director-connect-timeout-seconds=2", "--log-format=JSON"});
        assertThat(settings.watchNamespaces()).isEqualTo(Set.of("c"));
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isEqualTo(Optional.of("ops"));
        assertThat(settings.healthPort()).isEqualTo(9000);
        assertThat(settings.directorTimeouts().connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void badInputIsRefusedWithTheNameOfTheSetting() {
        assertThatThrownBy(() -> OperatorSettings.from(Map.of("HEALTH_PORT", "eighty"), new String[0]))
                .hasMessageContaining("HEALTH_PORT");
        assertThatThrownBy(() -> OperatorSettings.from(Map.of(), new String[]{"watch"}))
                .hasMessageContaining("--name=value");
        assertThatThrownBy(() -> OperatorSettings.from(Map.of("LOG_FORMAT", "xml"), new String[0]))
                .hasMessageContaining("LOG_FORMAT");
    }
}
