package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** argocd/health.lua, run by a real Lua 5.1 on status objects shaped as the operator writes them. */
class HealthScriptTest {

    @BeforeEach
    void needsLua() {
        assumeTrue(Lua.available(), "no /usr/bin/lua5.1 (bin/test installs the lua5.1 package)");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            healthy.json           | Healthy     | Primary and Meta deploy and resurrect each other
            observing.json         | Progressing | mutual management of Primary and Meta is not verified yet
            pending.json           | Progressing | Waiting for the operator to observe the latest spec
            repairing.json         | Progressing | Repair in progress, step Scanning: Primary scans bosh-meta
            awaiting-approval.json | Suspended   | Meta will recreate Primary's VM. Approve with the approve action, or: kubectl bbp approve bosh -n bosh (kubectl annotate bbp bosh -n bosh --overwrite binarybosh.io/approve=repair-primary-01)
            lost.json              | Degraded    | neither Primary nor Meta answers, so neither can resurrect the other
            split-brain.json       | Degraded    | deployment 'bosh-primary' is held by Micro and by Meta
            blocked.json           | Degraded    | 3 repairs of Meta in the last hour: waiting for a person
            invalid.json           | Degraded    | Secret bosh/primary-director not found
            degraded.json          | Degraded    | Primary does not answer over verified TLS
            paused.json            | Suspended   | the binarybosh.io/paused annotation stops every action
            deleting.json          | Progressing | Being deleted, waiting for finalizers: binarybosh.io/operation-guard
            """)
    void fixtureHealth(String fixture, String status, String message) {
        ArgoCdScripts.Health health = ArgoCdScripts.health(ArgoCdScripts.fixture(fixture));

        assertThat(health).isEqualTo(new ArgoCdScripts.Health(status, message));
    }

    @Test
    void aNewSpecIsProgressingUntilTheOperatorHasObservedIt() {
        ObjectNode pair = (ObjectNode) ArgoCdScripts.fixture("healthy.json");
        ((ObjectNode) pair.get("metadata")).put("generation", 4);

        assertThat(ArgoCdScripts.health(pair).status()).isEqualTo("Progressing");
    }

    @Test
    void readyWithAnOperationInFlightIsProgressing() {
        ObjectNode pair = (ObjectNode) ArgoCdScripts.fixture("healthy.json");
        ((ObjectNode) pair.get("status")).putObject("operation").put("id", "unpause-1")
                .put("type", "UnpauseResurrection").put("step", "Unpausing").put("attempt", 1);

        assertThat(ArgoCdScripts.health(pair))
                .isEqualTo(new ArgoCdScripts.Health("Progressing", "UnpauseResurrection in progress, step Unpausing"));
    }

    @Test
    void thePausedConditionAloneSuspendsAndTheAnnotationAloneToo() {
        ObjectNode conditionOnly = (ObjectNode) ArgoCdScripts.fixture("paused.json");
        ((ObjectNode) conditionOnly.get("metadata")).remove("annotations");
        assertThat(ArgoCdScripts.health(conditionOnly).status()).isEqualTo("Suspended");

        ObjectNode annotationOnly = (ObjectNode) ArgoCdScripts.fixture("healthy.json");
        ((ObjectNode) annotationOnly.get("metadata")).putObject("annotations").put("binarybosh.io/paused", "true");
        assertThat(ArgoCdScripts.health(annotationOnly)).isEqualTo(new ArgoCdScripts.Health("Suspended",
                "Paused by the binarybosh.io/paused annotation: no action is taken, observation goes on"));
    }

    @Test
    void splitBrainOutranksPauseAndOperation() {
        ObjectNode pair = (ObjectNode) ArgoCdScripts.fixture("split-brain.json");
        ((ObjectNode) pair.get("metadata")).putObject("annotations").put("binarybosh.io/paused", "true");

        assertThat(ArgoCdScripts.health(pair).status()).isEqualTo("Degraded");
    }
}
