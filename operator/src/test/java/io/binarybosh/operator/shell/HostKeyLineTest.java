package io.binarybosh.operator.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostKeyLineTest {
    private static final String KEY = "AAAAB3NzaC1yc2EAAAADAQABAAABAQC7";

    @Test
    void theFingerprintIsTheOneSshKeygenPrints() {
        // ssh-keygen -lf of this key: 256 SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU root@micro (ED25519)
        assertThat(HostKeyLine.parse("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl "
                + "root@micro").fingerprint()).isEqualTo("SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU");
    }

    @Test
    void theAgentsRawPublicKeyFileWithCommentAndNewline() {
        HostKeyLine line = HostKeyLine.parse("ssh-rsa " + KEY + " root@5c1d2e3f-0a1b-4c2d-9e8f-001122334455\n");
        assertThat(line.typeAndKey()).isEqualTo("ssh-rsa " + KEY);
    }

    @Test
    void typeAndKeyAlone() {
        assertThat(HostKeyLine.parse("ssh-ed25519 " + KEY).type()).isEqualTo("ssh-ed25519");
    }

    @Test
    void knownHostsLinesWithHostsMarkersAndComments() {
        assertThat(HostKeyLine.parse("10.0.0.6 ssh-rsa " + KEY).typeAndKey()).isEqualTo("ssh-rsa " + KEY);
        assertThat(HostKeyLine.parse("[10.0.0.6]:22,micro.example ssh-rsa " + KEY + " root@micro").typeAndKey())
                .isEqualTo("ssh-rsa " + KEY);
        assertThat(HostKeyLine.parse("@revoked 10.0.0.6 ssh-ed25519 " + KEY + "\n10.0.0.6 ssh-rsa " + KEY).type())
                .as("a revoked key is skipped, the next line pins").isEqualTo("ssh-rsa");
        assertThat(HostKeyLine.parse("# micro\n\n10.0.0.6 ssh-rsa " + KEY + " a comment with spaces\n").base64())
                .isEqualTo(KEY);
    }

    @Test
    void whatIsNoHostKeyIsAShellExceptionNeverAnIllegalArgument() {
        assertThatThrownBy(() -> HostKeyLine.parse("@revoked 10.0.0.6 ssh-rsa " + KEY)).isInstanceOf(ShellException.class)
                .as("nothing but a revoked key").hasMessageContaining("empty");
        assertThatThrownBy(() -> HostKeyLine.parse("@cert-authority *.example ecdsa-sha2-nistp256 " + KEY + " ca"))
                .isInstanceOf(ShellException.class).hasMessageContaining("not the host's key");
        assertThatThrownBy(() -> HostKeyLine.parse("10.0.0.6 ssh-rsa not*base64")).isInstanceOf(ShellException.class);
        assertThatThrownBy(() -> HostKeyLine.parse("10.0.0.6 " + KEY)).isInstanceOf(ShellException.class);
        assertThatThrownBy(() -> HostKeyLine.parse("\n# only a comment\n")).isInstanceOf(ShellException.class);
        assertThatThrownBy(() -> HostKeyLine.parse("ssh-rsa")).isInstanceOf(ShellException.class);
    }
}
