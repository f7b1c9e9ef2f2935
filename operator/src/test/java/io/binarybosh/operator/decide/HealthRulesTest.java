package io.binarybosh.operator.decide;

import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.HealthMonitorSettings;
import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.DesiredCondition;
import io.binarybosh.operator.model.Reason;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {

    private static final Duration UNREACHABLE_AFTER = Duration.ofSeconds(60);
    private Situations world;

    @BeforeEach
    void healthyPair() {
        world = new Situations();
    }

    private DesiredCondition primaryHealthy(Optional<io.fabric8.kubernetes.api.model.Condition> previous) {
        return HealthRules.healthy(world.facts().primary(), UNREACHABLE_AFTER, previous);
    }

    @Test
    void healthyWhileAnswering() {
        world.meta.agent = new AgentView("running", "vm-1", "agent-1", world.now);
        assertThat(primaryHealthy(Optional.empty())).satisfies(c -> {
            assertThat(c.status()).isEqualTo("True");
            assertThat(c.message()).contains("agent reports running to Meta");
        });
    }

    @Test
    void aShortSilenceKeepsThePreviousValue() {
        world.primary.down(20);
        var previous = new ConditionBuilder().withType("PrimaryHealthy").withStatus("True").withReason("Answering")
                .withMessage("before").build();
        assertThat(primaryHealthy(Optional.of(previous))).isEqualTo(
                new DesiredCondition(ConditionType.PRIMARY_HEALTHY, "True", Reason.ANSWERING, "before"));
    }

    @Test
    void aLongSilenceIsExplainedByTheManager() {
        world.primary.down(90);
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        assertThat(primaryHealthy(Optional.empty()).reason().wire()).isEqualTo("AgentUnresponsive");
        world.meta.agent = new AgentView("failing", "vm-1", "agent-1", world.now);
        assertThat(primaryHealthy(Optional.empty()).reason().wire()).isEqualTo("JobsNotRunning");
        world.meta.agent = new AgentView("running", "vm-1", "agent-1", world.now);
        assertThat(primaryHealthy(Optional.empty()).reason().wire()).isEqualTo("ApiNotAnswering");
        world.meta.agent = new AgentView(null, null, null, world.now);
        assertThat(primaryHealthy(Optional.empty()).reason().wire()).isEqualTo("VmMissing");
        world.meta.agent = null;
        DesiredCondition plain = primaryHealthy(Optional.empty());
        assertThat(plain.reason().wire()).isEqualTo("Unreachable");
        assertThat(plain.message()).contains("since 2026-11-25T11:58:30Z");
    }

    @Test
    void mutualManagement() {
        world.meta.agent = new AgentView("running", "vm-1", "agent-1", world.now);
        world.primary.agent = new AgentView("running", "vm-2", "agent-2", world.now);
        assertThat(HealthRules.mutuallyManaged(world.facts()).status()).isEqualTo("True");

        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        DesiredCondition bound = HealthRules.mutuallyManaged(world.facts());
        assertThat(bound.reason().wire()).isEqualTo("PrimaryAgentNotReporting");
        assertThat(bound.message()).contains("reports to another director");

        world.micro().holdsManaged = true;
        world.meta.holdsManaged = false;
        DesiredCondition notMigrated = HealthRules.mutuallyManaged(world.facts());
        assertThat(notMigrated.reason().wire()).isEqualTo("PrimaryNotManagedByMeta");
        assertThat(notMigrated.message()).contains("it is on Micro");
    }

    @Test
    void aDirectorHoldingItsOwnDeploymentMeansTheRolesAreSwapped() {
        world.meta.holdsManaged = false;
        world.primary.deployments.put("bosh-primary", false);
        DesiredCondition swapped = HealthRules.mutuallyManaged(world.facts());
        assertThat(swapped.reason().wire()).isEqualTo("RolesSwapped");
        assertThat(swapped.message()).contains("'bosh-primary' is on Primary itself", "look swapped");

        world.primary.deployments.clear();
        assertThat(HealthRules.mutuallyManaged(world.facts()).reason().wire()).isEqualTo("PrimaryNotManagedByMeta");
    }

    @Test
    void resurrectionMustFireBothWays() {
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).status()).isEqualTo("True");

        world.primary.resurrection = false;
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()))
                .satisfies(c -> {
                    assertThat(c.reason().wire()).isEqualTo("ResurrectionPaused");
                    assertThat(c.message()).contains("paused on Primary");
                });
        world.primary.resurrection = true;

        // Meta's settings live in Meta's manifest, which Primary holds.
        world.primary.settings = new HealthMonitorSettings(false, null, null, null, null);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()))
                .satisfies(c -> {
                    assertThat(c.reason().wire()).isEqualTo("ResurrectorDisabled");
                    assertThat(c.message()).contains("Meta: hm.resurrector_enabled is false");
                });
        world.primary.settings = new HealthMonitorSettings(true, 5, 0.2, 600, false);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).reason().wire())
                .isEqualTo("StatefulNodesNotFixed");
        world.primary.settings = new HealthMonitorSettings(true, 1, 0.2, 600, true);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).reason().wire())
                .isEqualTo("MeltdownThresholds");
        world.primary.settings = new HealthMonitorSettings(true, 1, 1.5, 600, true);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).status())
                .as("a percent threshold above 1 can never be reached").isEqualTo("True");

        world.primary.settings = null;
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).status()).isEqualTo("Unknown");

        world.pair.getSpec().getResurrection().setEnabled(false);
        assertThat(HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts()).reason().wire())
                .isEqualTo("DisabledInSpec");
    }

    @Test
    void splitBrain() {
        assertThat(HealthRules.splitBrain(world.facts()).status()).isEqualTo("False");
        world.micro().deployments.put("bosh-primary", false);
        world.micro.holdsManaged = true;
        assertThat(HealthRules.splitBrain(world.facts())).satisfies(c -> {
            assertThat(c.status()).isEqualTo("True");
            assertThat(c.message()).contains("bosh-primary").contains(Situations.MICRO_URL);
        });
    }
}
