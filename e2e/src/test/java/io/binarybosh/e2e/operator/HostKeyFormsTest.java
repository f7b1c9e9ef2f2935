package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.ApprovalMode;
import io.binarybosh.operator.model.ShellAccessStatus;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 point 1 on one world: every ssh setup answers with the VM's raw {@code /etc/ssh/ssh_host_rsa_key.pub}
 * ({@code ssh-rsa AAAA... root@<hostname>\n}, bosh-agent GetHostPublicKey), and the Micro's pin is given once in the
 * old two-field form ({@code ssh-rsa AAAA...}: the preflight reads the Micro and both VMs over ssh), once as a user's
 * known_hosts after {@code ssh-keyscan -H}: a {@code #} comment line and a hashed host ({@code |1|salt|hmac}) with
 * the key's {@code root@...} comment, which OpenSSH's own {@code ssh-keygen -F} finds: a whole migration.
 */
@ExtendWith(ProcessWorldLock.class)
class HostKeyFormsTest extends OperatorWorldTest {

    @Test
    void rawAgentKeysAndBothPinFormsCarryAMigration() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
        world = World.start(WorldSpec.parse(ProcessWorlds.THREE).withNetwork(TestWorlds.randomNetwork()), dir);
        SshEndpoint ssh = world.ssh("micro").orElseThrow();
        String raw = ssh.hostKey();
        String[] fields = raw.trim().split(" ");
        assertThat(fields).hasSize(3);
        assertThat(fields[2]).startsWith("root@");
        assertThat(raw).endsWith("\n");

        // the old form: type and key
        try (OperatorUnderTest first = new OperatorUnderTest()) {
            declare(first, ssh, fields[0] + " " + fields[1], ApprovalMode.Manual);
            first.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> first.pair() != null
                    && first.pair().getStatus() != null && first.pair().getStatus().getOperation() != null
                    && "AwaitingApproval".equals(first.pair().getStatus().getOperation().getStep()));
            assertThat(first.pair().getStatus().getMigration().getShellAccess()).hasSize(2)
                    .allSatisfy(a -> assertThat(a.getHostKey()).as("the agent's raw key line")
                            .matches("ssh-rsa [A-Za-z0-9+/=]+ root@\\S+\\n"));
            assertThat(first.pair().getStatus().getMigration().getShellAccess()).extracting(ShellAccessStatus::getRole)
                    .containsExactly("primary", "meta");
        }

        // a known_hosts as `ssh-keyscan -H -p PORT HOST` writes it, the key's comment kept
        String knownHosts = "# [" + ssh.host() + "]:" + ssh.port() + " SSH-2.0-OpenSSH\n"
                + hashedHost("[" + ssh.host() + "]:" + ssh.port()) + " " + raw.trim() + "\n";
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, knownHosts);
        Process find = new ProcessBuilder("ssh-keygen", "-F", "[" + ssh.host() + "]:" + ssh.port(), "-f",
                file.toString()).redirectErrorStream(true).start();
        assertThat(new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("OpenSSH reads it")
                .contains(fields[1]);
        assertThat(find.waitFor()).isZero();

        operator = new OperatorUnderTest();
        declare(operator, ssh, knownHosts, ApprovalMode.Automatic);
        operator.start();
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> operator.is("Migrated", "True"));
        assertThat(world.directorVm("primary").orElseThrow().agent().settings().mbusAddress())
                .isEqualTo(world.directorVm("meta").orElseThrow().address());
    }

    private void declare(OperatorUnderTest operator, SshEndpoint ssh, String pin, ApprovalMode approval)
            throws Exception {
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.client().secrets().inNamespace(OperatorUnderTest.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("micro-ssh").withNamespace(OperatorUnderTest.NAMESPACE).endMetadata()
                .withStringData(Map.of("ssh-privatekey", Files.readString(ssh.privateKey()), "known_hosts", pin))
                .build()).create();
        operator.applyPair(world, spec -> MigrationSetup.bootstrap(spec, world, ssh, approval));
    }

    /** OpenSSH's HashKnownHosts form: |1|base64(salt)|base64(HMAC-SHA1(salt, host)). */
    private static String hashedHost(String host) throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }
}
