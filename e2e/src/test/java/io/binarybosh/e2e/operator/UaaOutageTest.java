package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 point 8: Primary's UAA stops answering while Primary's API answers. The operator says the UAA gives no
 * token (not "director unreachable"), does not take Primary for down, repairs nothing, and is Ready again once the
 * UAA is back.
 */
class UaaOutageTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);

    @Test
    void aUaaOutageIsNotADirectorOutage() {
        world = TestWorlds.start(TestWorlds.THREE_DIRECTORS, dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> spec.getHealth().setForceRecreateAfterSeconds(3));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));

        Instant since = Instant.now();
        world.faults().cutOffUaa("primary");
        try {
            await().atMost(LONG).until(() -> operator.is("PrimaryReachable", "False", "UaaUnavailable"));
            assertThat(operator.condition("PrimaryReachable").orElseThrow().getMessage())
                    .contains("answers /info", "UAA", "not unreachable");
            assertThat(operator.pair().getStatus().getPrimary().getState()).isEqualTo("UaaUnavailable");
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                    .until(() -> operator.is("PrimaryReachable", "False", "UaaUnavailable")
                            && !operator.is("PrimaryHealthy", "False")
                            && operator.pair().getStatus().getOperation() == null);
            assertThat(operator.pair().getStatus().getHistory()).noneMatch(r -> "Repair".equals(r.getType()));
            for (String key : List.of("primary", "meta")) {
                List<RecordedRequest> changes = world.requests(key).stream().filter(r -> !r.at().isBefore(since))
                        .filter(r -> !Set.of("GET", "HEAD").contains(r.method()))
                        .filter(r -> !"hm".equals(r.user())).toList();
                assertThat(changes).as("requests to " + key + " that could change it").isEmpty();
            }
        } finally {
            world.faults().healUaa("primary");
        }
        await().atMost(LONG).until(() -> operator.is("Ready", "True")
                && operator.is("PrimaryReachable", "True", "DirectorAnswered"));
    }
}
