package io.binarybosh.operator.decide;

import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.model.DesiredCondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A director that answers /info while its database does not: named as such, and nothing decided from its lists. */
class DatabaseFailureTest {

    private static final String ERROR = "The Micro director answered GET /deployments with HTTP 500";
    private final Decider decider = new Decider();
    private Situations world;

    @BeforeEach
    void beforeTheMigration() {
        world = new Situations();
        world.micro();
        world.meta.holdsManaged = false;
        world.status.setObservedGeneration(1L);
    }

    @Test
    void aMicroWithoutItsDatabaseIsNotReadAsHoldingNothing() {
        world.micro.databaseError = ERROR;
        assertThat(decider.decide(world.input())).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("MicroDatabaseNotAnswering").isNotEqualTo("SourceDoesNotHoldPrimary");
            assertThat(b.message()).contains("database is not answering", ERROR, "monit summary",
                    "/var/vcap/sys/log/postgres/");
        });
        assertThat(HealthRules.splitBrain(world.facts()).reason().wire()).isEqualTo("MicroCannotAct");
    }

    @Test
    void primaryOrMetaWithoutItsDatabaseStopsThePreflightWithThatReason() {
        world.primary.databaseError = ERROR;
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r ->
                assertThat(r.reason().wire()).isEqualTo("PrimaryDatabaseNotAnswering"));
        beforeTheMigration();
        world.meta.databaseError = ERROR;
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r ->
                assertThat(r.reason().wire()).isEqualTo("MetaDatabaseNotAnswering"));
    }

    @Test
    void inSteadyStateEveryConditionReadingDeploymentsNamesTheDatabase() {
        world = new Situations();
        world.meta.databaseError = ERROR;
        PairFacts facts = world.facts();
        DesiredCondition metaHealthy = HealthRules.healthy(facts.meta(), Duration.ofSeconds(60), Optional.empty());
        assertThat(metaHealthy.status()).isEqualTo("False");
        assertThat(metaHealthy.reason().wire()).isEqualTo("DatabaseNotAnswering");
        DesiredCondition managed = HealthRules.mutuallyManaged(facts);
        assertThat(managed.reason().wire()).as("not 'PrimaryNotManagedByMeta'").isEqualTo("DatabaseNotAnswering");
        assertThat(managed.message()).contains("Meta at " + Situations.META_URL, ERROR);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), facts).reason().wire())
                .isEqualTo("DatabaseNotAnswering");
        assertThat(decider.decide(world.input())).isInstanceOfSatisfying(Step.Wait.class,
                w -> assertThat(w.reason().wire()).isEqualTo("Steady"));
    }

    @Test
    void aDownDirectorIsNotRepairedThroughAPeerWithoutItsDatabase() {
        world = new Situations();
        world.primary.down(3600);
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        world.meta.databaseError = ERROR;
        assertThat(decider.decide(world.input())).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("MetaDatabaseNotAnswering");
            assertThat(b.message()).contains("Primary is down", ERROR);
        });
        world.meta.databaseError = null;
        assertThat(decider.decide(world.input())).isInstanceOf(Step.StartRepair.class);
    }
}
