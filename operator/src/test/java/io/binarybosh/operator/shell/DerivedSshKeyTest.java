package io.binarybosh.operator.shell;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DerivedSshKeyTest {

    @TempDir
    Path dir;

    @Test
    void theSameSecretAndPurposeGiveTheSameKeyAndOthersDoNot() {
        DerivedSshKey key = DerivedSshKey.derive("secret", "migration-1/meta", "bosh_x");
        assertThat(DerivedSshKey.derive("secret", "migration-1/meta", "bosh_x").privateKeyPem())
                .isEqualTo(key.privateKeyPem());
        assertThat(DerivedSshKey.derive("secret", "migration-1/primary", "bosh_x").publicKeyLine())
                .isNotEqualTo(key.publicKeyLine());
        assertThat(DerivedSshKey.derive("other", "migration-1/meta", "bosh_x").publicKeyLine())
                .isNotEqualTo(key.publicKeyLine());
        assertThat(key.publicKeyLine()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI").endsWith(" bosh_x");
        assertThat(key.toString()).doesNotContain(key.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void jschReadsThePrivateKeyAndFindsTheSamePublicKey() throws Exception {
        DerivedSshKey key = DerivedSshKey.derive("secret", "p", "c");
        KeyPair pair = KeyPair.load(new JSch(), key.privateKeyPem().getBytes(StandardCharsets.UTF_8), null);
        assertThat(pair.getKeyType()).isEqualTo(KeyPair.ED25519);
        assertThat("ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(pair.getPublicKeyBlob()) + " c")
                .isEqualTo(key.publicKeyLine());
    }

    @Test
    void opensshReadsThePrivateKeyAndFindsTheSamePublicKey() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen (openssh-client) is needed");
        DerivedSshKey key = DerivedSshKey.derive("secret", "p", "comment");
        Path file = dir.resolve("id");
        Files.writeString(file, key.privateKeyPem());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Process process = new ProcessBuilder("/usr/bin/ssh-keygen", "-y", "-f", file.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(key.publicKeyLine());
    }
}
