package io.binarybosh.e2e.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void defaultsTellTheStoryInAboutTwoMinutesAndRunUntilStopped() {
        DemoOptions options = DemoOptions.parse(new String[0]);

        assertThat(options.dir()).isNull();
        assertThat(options.timeScale()).isEqualTo(0.02);
        assertThat(options.microStoreMib()).isEqualTo(512);
        assertThat(options.pause()).isEqualTo(Duration.ofSeconds(8));
        assertThat(options.exitWhenDone()).isFalse();
        assertThat(options.crd()).isEqualTo(Path.of("").toAbsolutePath()
                .resolve("crds/binaryboshpairs.binarybosh.io-v1.yml"));
    }

    @Test
    void readsEveryOption() {
        DemoOptions options = DemoOptions.parse(new String[] {"--dir", "/tmp/d", "--repository", "/src",
                "--kubectl", "/opt/kubectl", "--time-scale", "0.05", "--micro-store-mib", "0", "--pause-seconds", "0",
                "--exit-when-done"});

        assertThat(options).isEqualTo(new DemoOptions(Path.of("/tmp/d"), Path.of("/src"), Path.of("/opt/kubectl"),
                0.05, 0, Duration.ZERO, true));
    }

    @Test
    void refusesWhatItDoesNotKnowWithTheUsage() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option --fast").hasMessageContaining("usage: bin/demo");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--time-scale"}))
                .hasMessageContaining("--time-scale needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--time-scale", "0"}))
                .hasMessageContaining("time scale must be positive");
    }
}
