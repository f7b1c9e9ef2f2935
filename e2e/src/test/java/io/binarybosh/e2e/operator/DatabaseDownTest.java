package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.TestWorlds;
import io.binarybosh.e2e.sim.api.RecordedRequest;
import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17: a director whose postgres is down answers /info and fails every call that reads its database. For each
 * role the operator names that cause (not "holds nothing", not "not managed"), takes no action, and finds the pair
 * again by itself once postgres is back. Basic auth everywhere: a UAA keeps its clients in the same postgres, so
 * with it down a token could not be renewed, which is another observation (the UAA failing).
 */
class DatabaseDownTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofSeconds(90);
    private static final String BASIC_AUTH = TestWorlds.THREE_DIRECTORS.replace("auth: uaa", "auth: basic");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Test
    void aMicroWithoutItsDatabaseIsNotReadAsHoldingNothing() throws Exception {
        world = World.start(WorldSpec.parse(BASIC_AUTH).withNetwork(TestWorlds.randomNetwork()), dir);
        world.faults().stopDatabase("micro");
        operator = new OperatorUnderTest();
        MicroWithoutShell.declare(operator, world);
        Instant since = Instant.now();
        operator.start();

        await().atMost(LONG).until(() -> operator.is("MicroReachable", "False", "DatabaseNotAnswering")
                && operator.is("Blocked", "True", "MicroDatabaseNotAnswering")
                && operator.is("Migrated", "False", "MicroDatabaseNotAnswering"));
        assertThat(operator.condition("Migrated").orElseThrow().getMessage())
                .contains("database is not answering", "HTTP 500", "monit summary", "/var/vcap/sys/log/postgres/");
        assertThat(operator.pair().getStatus().getMicro().getState()).isEqualTo("DatabaseFailing");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> operator.pair().getStatus().getOperation() == null);
        assertThat(operator.events("SourceDoesNotHoldPrimary")).isEmpty();
        noChangeSince(since);

        world.faults().startDatabase("micro");
        await().atMost(LONG).until(() -> operator.is("MicroReachable", "True", "DirectorAnswered")
                && !operator.is("Blocked", "True", "MicroDatabaseNotAnswering"));
        assertThat(operator.condition("Migrated").map(Condition::getReason).orElse(""))
                .isNotEqualTo("MicroDatabaseNotAnswering");
    }

    @Test
    void primaryWithoutItsDatabase() {
        withoutItsDatabase("primary", "Primary");
    }

    @Test
    void metaWithoutItsDatabase() {
        withoutItsDatabase("meta", "Meta");
    }

    private void withoutItsDatabase(String key, String role) {
        world = World.start(WorldSpec.parse(BASIC_AUTH).withNetwork(TestWorlds.randomNetwork()), dir);
        Migrations.toMutualManagement(world);
        operator = new OperatorUnderTest();
        operator.secretsFor(world, "primary", "meta", "micro");
        operator.createPair(world, spec -> spec.getHealth().setForceRecreateAfterSeconds(3));
        operator.start();
        await().atMost(LONG).until(() -> operator.is("Ready", "True"));

        Instant since = Instant.now();
        world.faults().stopDatabase(key);
        await().atMost(LONG).until(() -> operator.is(role + "Reachable", "False", "DatabaseNotAnswering")
                && operator.is(role + "Healthy", "False", "DatabaseNotAnswering")
                && operator.is("ResurrectionEnabled", "Unknown", "DatabaseNotAnswering")
                && operator.is("Ready", "False"));
        if (key.equals("meta")) {
            // Meta holds Primary's deployment: whether it still does is unknown, not "not managed"
            await().atMost(LONG).until(() -> operator.is("MutuallyManaged", "False", "DatabaseNotAnswering"));
        }
        assertThat(operator.condition(role + "Healthy").orElseThrow().getMessage())
                .contains("database is not answering", "monit summary");
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                .until(() -> operator.pair().getStatus().getOperation() == null
                        && operator.is(role + "Reachable", "False", "DatabaseNotAnswering"));
        assertThat(operator.pair().getStatus().getHistory()).noneMatch(r -> "Repair".equals(r.getType()));
        noChangeSince(since);

        world.faults().startDatabase(key);
        await().atMost(LONG).until(() -> operator.is("Ready", "True")
                && operator.is(role + "Reachable", "True", "DirectorAnswered"));
        noChangeSince(since);
    }

    /** Nothing but reads (and the tasks of the read-only agent check) reached any director since then. */
    private void noChangeSince(Instant since) {
        for (String key : List.of("micro", "primary", "meta")) {
            List<RecordedRequest> changes = world.requests(key).stream()
                    .filter(r -> !r.at().isBefore(since))
                    .filter(r -> !READS.contains(r.method()))
                    .filter(r -> !"hm".equals(r.user()))
                    .toList();
            assertThat(changes).as("requests to " + key + " that could change it").isEmpty();
        }
    }
}
