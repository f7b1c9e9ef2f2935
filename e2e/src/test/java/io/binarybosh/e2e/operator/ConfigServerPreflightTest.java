package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 point 3: a Micro with a config server and Meta deployed under another director name. Copied, Meta could
 * not recreate Primary (ConfigServerTest shows the error); the operator refuses before anything is touched.
 */
class ConfigServerPreflightTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);

    @Test
    void metaUnderAnotherNameThanTheMicrosIsRefused() throws Exception {
        world = World.start(WorldSpec.parse(TestWorlds.THREE_DIRECTORS.replace("secret: micro-secret}",
                "secret: micro-secret, configServer: true}")).withNetwork(TestWorlds.randomNetwork()), dir);
        operator = new OperatorUnderTest();
        MicroWithoutShell.declare(operator, world);
        operator.start();

        await().atMost(LONG).until(() -> operator.is("Migrated", "False", "ConfigServerNameMismatch")
                && operator.is("Blocked", "True", "ConfigServerNameMismatch"));
        assertThat(operator.condition("Migrated").orElseThrow().getMessage())
                .contains("micro-bosh", "meta-bosh", "'/meta-bosh/bosh-primary/...'", "CredHub encryption password");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> operator.pair().getStatus().getOperation() == null);
        for (String key : List.of("micro", "primary", "meta")) {
            List<RecordedRequest> changes = world.requests(key).stream()
                    .filter(r -> !Set.of("GET", "HEAD").contains(r.method()))
                    .filter(r -> !"hm".equals(r.user())).toList();
            assertThat(changes).as("requests to " + key + " that could change it").isEmpty();
        }
    }
}
