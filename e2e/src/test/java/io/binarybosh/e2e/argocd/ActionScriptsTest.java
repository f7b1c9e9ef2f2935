package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** argocd/actions: discovery, pause, resume and approve, run by a real Lua 5.1. */
class ActionScriptsTest {

    private static final String PAUSED = "binarybosh.io/paused";
    private static final String APPROVE = "binarybosh.io/approve";

    @BeforeEach
    void needsLua() {
        assumeTrue(Lua.available(), "no /usr/bin/lua5.1 (bin/test installs the lua5.1 package)");
    }

    @Test
    void discoveryOffersPauseOnARunningPairAndNothingToApprove() {
        assertThat(ArgoCdScripts.discovery(ArgoCdScripts.fixture("healthy.json"))).isEqualTo(Map.of(
                "approve", new ArgoCdScripts.Action(true),
                "pause", new ArgoCdScripts.Action(false),
                "resume", new ArgoCdScripts.Action(true)));
    }

    @Test
    void discoveryOffersResumeOnAPausedPairAndApproveForAnAwaitedApprovalNotYetGiven() {
        assertThat(ArgoCdScripts.discovery(ArgoCdScripts.fixture("paused.json"))).isEqualTo(Map.of(
                "approve", new ArgoCdScripts.Action(true),
                "pause", new ArgoCdScripts.Action(true),
                "resume", new ArgoCdScripts.Action(false)));
        assertThat(ArgoCdScripts.discovery(ArgoCdScripts.fixture("awaiting-approval.json")).get("approve"))
                .as("the approval annotation names an earlier operation")
                .isEqualTo(new ArgoCdScripts.Action(false));
        ObjectNode given = (ObjectNode) ArgoCdScripts.fixture("awaiting-approval.json");
        ((ObjectNode) given.path("metadata").path("annotations")).put(APPROVE, "repair-primary-01");
        assertThat(ArgoCdScripts.discovery(given).get("approve")).as("already given")
                .isEqualTo(new ArgoCdScripts.Action(true));
    }

    @Test
    void pauseAddsTheAnnotationAndKeepsTheOthers() {
        assertThat(ArgoCdScripts.action("pause", ArgoCdScripts.fixture("healthy.json"))).isEqualTo(Map.of(
                "argocd.argoproj.io/sync-wave", "1", PAUSED, "true"));
        assertThat(ArgoCdScripts.action("pause", ArgoCdScripts.fixture("observing.json")))
                .as("a pair without annotations").isEqualTo(Map.of(PAUSED, "true"));
    }

    @Test
    void resumeRemovesTheAnnotation() {
        assertThat(ArgoCdScripts.action("resume", ArgoCdScripts.fixture("paused.json"))).isEmpty();
        assertThat(ArgoCdScripts.action("resume", ArgoCdScripts.fixture("observing.json"))).isEmpty();
    }

    @Test
    void approveWritesExactlyTheAwaitedApproval() {
        assertThat(ArgoCdScripts.action("approve", ArgoCdScripts.fixture("awaiting-approval.json")))
                .isEqualTo(Map.of(APPROVE, "repair-primary-01"));
        ObjectNode fence = (ObjectNode) ArgoCdScripts.fixture("awaiting-approval.json");
        ((ObjectNode) fence.get("status")).put("awaitedApproval", "migration-meta-1-fence");
        assertThat(ArgoCdScripts.action("approve", fence)).isEqualTo(Map.of(APPROVE, "migration-meta-1-fence"));
    }

    @Test
    void approveRefusesWhenNothingRuns() {
        ObjectNode pair = (ObjectNode) ArgoCdScripts.fixture("healthy.json");

        assertThat(ArgoCdScripts.action("approve", pair))
                .isEqualTo(Map.of("error: nothing awaits approval", ""));
        assertThat(ArgoCdScripts.action("approve", ArgoCdScripts.fixture("paused.json")))
                .as("an operation in flight that awaits no approval")
                .isEqualTo(Map.of("error: nothing awaits approval", ""));
    }
}
