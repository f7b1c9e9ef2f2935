package io.binarybosh.operator.decide;

import io.binarybosh.operator.director.model.Config;
import io.binarybosh.operator.director.model.Task;
import io.binarybosh.operator.director.model.TaskState;
import io.binarybosh.operator.observe.AgentView;
import io.binarybosh.operator.observe.DirectorDetailsReader;
import io.binarybosh.operator.observe.ResurrectionConfigRules;
import io.binarybosh.operator.model.DesiredCondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What stops a health monitor from resurrecting its peer beyond its switches: resurrection config rules, the
 * instance's {@code ignore} flag and an instance that expects no VM; and agent checks that never hold a decision.
 */
class ResurrectionReachTest {

    private final Decider decider = new Decider();
    private Situations world;

    @BeforeEach
    void mutualPair() {
        world = new Situations();
    }

    private static ResurrectionConfigRules rules(String yaml) {
        return ResurrectionConfigRules.parse(List.of(new Config("1", "ops", "resurrection", yaml, null, null, true)));
    }

    private DesiredCondition resurrection() {
        return HealthRules.resurrectionEnabled(world.pair.getSpec(), world.facts());
    }

    @Test
    void aRuleOnMetaThatDisablesPrimarysDeploymentIsReported() {
        world.meta.rules = rules("rules:\n- enabled: false\n  include: {deployments: [bosh-primary]}\n");
        assertThat(resurrection().status()).isEqualTo("False");
        assertThat(resurrection().reason().wire()).isEqualTo("ResurrectionConfigDisables");
        assertThat(resurrection().message()).contains("'ops' on Meta", "'bosh-primary'", "instance group 'bosh'");
    }

    @Test
    void rulesApplyAsTheHealthMonitorAppliesThem() {
        // excluded by deployment: the rule does not apply to bosh-primary
        world.meta.rules = rules("rules:\n- enabled: false\n  exclude: {deployments: [bosh-primary]}\n");
        assertThat(resurrection().status()).isEqualTo("True");
        // an exclude filter naming only another instance group does not exclude 'bosh'
        world.meta.rules = rules("rules:\n- enabled: false\n  exclude: {instance_groups: [web]}\n");
        assertThat(resurrection().reason().wire()).isEqualTo("ResurrectionConfigDisables");
        // a rule without a boolean 'enabled' is skipped, as HM fails to parse it
        world.meta.rules = rules("rules:\n- enabled: 'false'\n  include: {deployments: [bosh-primary]}\n");
        assertThat(resurrection().status()).isEqualTo("True");
        // included by instance group on the other deployment only
        world.meta.rules = rules("rules:\n- enabled: false\n  include: {deployments: [zookeeper], instance_groups: [bosh]}\n");
        assertThat(resurrection().status()).isEqualTo("True");
    }

    @Test
    void unreadRulesAreUnknownNotEnabled() {
        world.primary.rules = null;
        assertThat(resurrection().status()).isEqualTo("Unknown");
        assertThat(resurrection().message()).contains("the resurrection configs on Primary");
    }

    @Test
    void anIgnoredInstanceIsReportedAndNotRepaired() {
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now, true);
        assertThat(resurrection().reason().wire()).isEqualTo("InstanceIgnored");
        world.primary.down(3600);
        assertThat(decider.decide(world.input())).isInstanceOfSatisfying(Step.Blocked.class, b -> {
            assertThat(b.reason().wire()).isEqualTo("InstanceIgnored");
            assertThat(b.message()).contains("would find nothing to fix", "unignore");
        });
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now, false);
        assertThat(decider.decide(world.input())).isInstanceOf(Step.StartRepair.class);
    }

    @Test
    void anInstanceThatExpectsNoVmIsReportedAndNotRepaired() {
        world.meta.expectsVm = false;
        assertThat(resurrection().reason().wire()).isEqualTo("InstanceNotExpectingVm");
        world.primary.down(3600);
        world.meta.agent = new AgentView(null, null, null, world.now);
        assertThat(decider.decide(world.input())).isInstanceOfSatisfying(Step.Blocked.class,
                b -> assertThat(b.reason().wire()).isEqualTo("InstanceNotExpectingVm"));
    }

    @Test
    void agentChecksInFlightNeverHoldARepair() {
        world.primary.down(3600);
        world.meta.agent = new AgentView(AgentView.UNRESPONSIVE, "vm-1", "agent-1", world.now);
        world.meta.tasks = List.of(new Task(41, TaskState.QUEUED, DirectorDetailsReader.AGENT_CHECK_TASK, null,
                null, null, "admin", "bosh-primary", ""));
        assertThat(decider.decide(world.input())).isInstanceOf(Step.StartRepair.class);
    }

    @Test
    void thePreflightLooksAtEveryTaskTheMicroWouldHandOver() {
        world.micro();
        world.meta.holdsManaged = false;
        world.micro.directorWide = List.of(new Task(7, TaskState.QUEUED, "create deployment", null, null, null,
                "admin", "zookeeper", ""));
        assertThat(MigrationPreflight.check(world.facts())).hasValueSatisfying(r -> {
            assertThat(r.reason().wire()).isEqualTo("TasksInFlight");
            assertThat(r.message()).contains("task 7", "zookeeper", "the Micro");
        });
        world.micro.directorWide = List.of(new Task(8, TaskState.QUEUED, DirectorDetailsReader.AGENT_CHECK_TASK,
                null, null, null, "admin", "bosh-primary", ""));
        assertThat(MigrationPreflight.check(world.facts())).isEmpty();
    }
}
