package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.e2e.sim.world.SshEndpoint;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.binarybosh.operator.model.ApprovalMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Micro deployed with {@code director.default_ssh_options.gateway_host}: its ssh results name the gateway
 * (bosh director jobs/ssh.rb adds {@code gateway_host} and {@code gateway_user}, the user {@code vcap} by default,
 * jobs/director/spec). The operator connects directly, so it stops there and says why: Blocked
 * {@code SshAccessFailed} naming the gateway, nothing stopped, nothing moved or copied.
 */
@ExtendWith(ProcessWorldLock.class)
class SshGatewayRefusalTest extends OperatorWorldTest {

    @Test
    void aDirectorThatHandsOutAGatewayBlocksThePreflightAndStopsNothing() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "process mode needs root");
        world = World.start(WorldSpec.parse(ProcessWorlds.THREE.replace("secret: micro-secret}",
                "secret: micro-secret, defaultSshOptions: {gateway_host: jumphost.example.com}}"))
                .withNetwork(TestWorlds.randomNetwork()), dir);
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, ApprovalMode.Automatic);
        operator.start();

        await().atMost(Duration.ofSeconds(90)).until(() -> operator.is("Blocked", "True", "SshAccessFailed"));
        assertThat(operator.condition("Blocked").orElseThrow().getMessage())
                .contains("through the gateway vcap@jumphost.example.com", "director.default_ssh_options");
        assertThat(operator.events("SshAccessFailed")).isNotEmpty();
        assertThat(operator.pair().getStatus().getOperation().getStep()).isEqualTo("Preflight");
        assertThat(world.requests("micro")).as("the setup's result carried the gateway")
                .anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/ssh"));
        for (String key : new String[] {"micro", "primary", "meta"}) {
            assertThat(world.runningDirector(key)).as(key + " still runs").isPresent();
        }
        assertThat(operator.pair().getStatus().getMigration().getMetaStoreAside()).as("Meta's store untouched").isNull();
        assertThat(operator.pair().getStatus().getMigration().getCopyAttempt()).as("nothing copied").isNull();
        assertThat(operator.pair().getStatus().getMigration().getShellAccess()).as("no access recorded").isNullOrEmpty();
    }
}
