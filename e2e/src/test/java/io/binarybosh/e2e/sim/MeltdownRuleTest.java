package io.binarybosh.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.binarybosh.e2e.sim.hm.DeploymentState;
import io.binarybosh.e2e.sim.hm.MeltdownRule;
import io.binarybosh.e2e.sim.hm.ResurrectionRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeltdownRuleTest {
    private final MeltdownRule defaults = new MeltdownRule(5, 0.2);

    @Test
    void needsBothTheCountAndThePercentage() {
        assertThat(defaults.state(0, 10)).isEqualTo(DeploymentState.NORMAL);
        assertThat(defaults.state(4, 4)).isEqualTo(DeploymentState.MANAGED);
        assertThat(defaults.state(5, 25)).isEqualTo(DeploymentState.MELTDOWN);
        assertThat(defaults.state(5, 26)).isEqualTo(DeploymentState.MANAGED);
        assertThat(defaults.state(5, 5)).isEqualTo(DeploymentState.MELTDOWN);
    }

    @Test
    void aOneVmDirectorDeploymentCanNeverMeltDownWithDefaults() {
        assertThat(defaults.state(1, 1)).isEqualTo(DeploymentState.MANAGED);
        assertThat(new MeltdownRule(1, 0.2).state(1, 1)).isEqualTo(DeploymentState.MELTDOWN);
    }

    @Test
    void resurrectionRulesAreAndedAndDefaultToEnabled() {
        ResurrectionRules rules = ResurrectionRules.parse(List.of(
                "rules:\n- enabled: false\n  include: {deployments: [meta-bosh], instance_groups: [bosh]}\n",
                "rules:\n- enabled: false\n  include: {deployments: [zk]}\n  exclude: {instance_groups: [web]}\n"));
        assertThat(rules.enabled("meta-bosh", "bosh")).isFalse();
        assertThat(rules.enabled("meta-bosh", "other")).isTrue();
        assertThat(rules.enabled("zk", "zk")).isFalse();
        assertThat(rules.enabled("zk", "web")).isTrue();
        assertThat(ResurrectionRules.none().enabled("any", "thing")).isTrue();
    }
}
