package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.argocd.ArgoCdScripts;
import io.binarybosh.e2e.argocd.Lua;
import io.binarybosh.e2e.kube.Kubectl;
import io.binarybosh.e2e.kube.ProjectFiles;
import io.binarybosh.e2e.sim.process.ProcessWorldLock;
import io.binarybosh.e2e.sim.process.ProcessWorlds;
import io.binarybosh.operator.model.ApprovalMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A manual migration (approval: Manual) on a process-mode world, driven to Migrated=True by a person's tools only:
 * once with the chart's Argo CD actions (real Lua 5.1 on the live object, the result applied with kubectl), once
 * with the kubectl bbp plugin. Each approval is the one the operator names in status.awaitedApproval.
 */
// A whole migration with two approvals, on a loaded 2-core machine, outlasts the default 120 s.
@ExtendWith(ProcessWorldLock.class)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class ManualMigrationByToolsTest extends OperatorWorldTest {

    private static final Duration LONG = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** -DrecordArgoCdFixtures=true: the live objects the scripts ran on become the fixtures of the script tests. */
    private static final boolean RECORD = Boolean.getBoolean("recordArgoCdFixtures");

    @BeforeEach
    void needsRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "process mode runs sshd and monit, which needs root");
    }

    private Kubectl start() throws IOException {
        world = ProcessWorlds.start(ProcessWorlds.THREE, dir);
        operator = new OperatorUnderTest();
        MigrationSetup.declare(operator, world, ApprovalMode.Manual);
        operator.start();
        Kubectl kubectl = operator.kubectl();
        Assumptions.assumeTrue(kubectl.available(), "kubectl is not installed");
        return kubectl;
    }

    private JsonNode live(Kubectl kubectl) throws IOException {
        return JSON.readTree(kubectl.run("get", "bbp", OperatorUnderTest.PAIR, "-n", OperatorUnderTest.NAMESPACE,
                "-o", "json").orThrow().stdout());
    }

    @Test
    void theChartsArgoCdActionsCarryAManualMigrationToMigrated() throws Exception {
        Assumptions.assumeTrue(Lua.available(), "no /usr/bin/lua5.1 (bin/test installs the lua5.1 package)");
        Kubectl kubectl = start();
        List<String> approvals = new ArrayList<>();
        while (!operator.is("Migrated", "True")) {
            JsonNode[] suspended = {null};
            await().atMost(LONG).until(() -> {
                JsonNode pair = live(kubectl);
                if ("Suspended".equals(ArgoCdScripts.health(pair).status())) {
                    suspended[0] = pair;
                }
                return suspended[0] != null || operator.is("Migrated", "True");
            });
            if (suspended[0] == null) {
                break;
            }
            JsonNode pair = suspended[0];
            String awaited = pair.path("status").path("awaitedApproval").asText();
            ArgoCdScripts.Health health = ArgoCdScripts.health(pair);
            assertThat(health.message()).contains("kubectl bbp approve " + OperatorUnderTest.PAIR,
                    "binarybosh.io/approve=" + awaited);
            assertThat(ArgoCdScripts.discovery(pair).get("approve")).isEqualTo(new ArgoCdScripts.Action(false));
            record(pair, "recorded-awaiting-" + approvals.size() + ".json");

            Map<String, String> annotations = ArgoCdScripts.action("approve", pair);
            assertThat(annotations).containsEntry("binarybosh.io/approve", awaited);
            applyAsArgoCd(kubectl, pair, annotations);
            approvals.add(awaited);
            await().atMost(LONG).until(() -> !awaited.equals(live(kubectl).path("status").path("awaitedApproval")
                    .asText()));
        }

        String id = migrationId();
        assertThat(approvals).containsExactly(id, id + "-fence");
        JsonNode done = live(kubectl);
        assertThat(ArgoCdScripts.discovery(done).get("approve")).isEqualTo(new ArgoCdScripts.Action(true));
        record(done, "recorded-migrated.json");
    }

    @Test
    void theKubectlBbpPluginCarriesAManualMigrationToMigrated() throws Exception {
        Kubectl kubectl = start();
        Path plugins = ProjectFiles.root().resolve("bin");
        List<String> approvals = new ArrayList<>();
        while (!operator.is("Migrated", "True")) {
            String[] status = {""};
            await().atMost(LONG).until(() -> {
                status[0] = kubectl.plugin(plugins, "bbp", "status", OperatorUnderTest.PAIR, "-n",
                        OperatorUnderTest.NAMESPACE).orThrow().stdout();
                return status[0].contains("awaiting ") || operator.is("Migrated", "True");
            });
            if (!status[0].contains("awaiting ")) {
                break;
            }
            String approved = kubectl.plugin(plugins, "bbp", "approve", OperatorUnderTest.PAIR, "-n",
                    OperatorUnderTest.NAMESPACE).orThrow().stdout();
            String value = approved.substring(approved.indexOf("binarybosh.io/approve=")
                    + "binarybosh.io/approve=".length()).trim();
            assertThat(status[0]).contains("binarybosh.io/approve=" + value,
                    "kubectl bbp approve " + OperatorUnderTest.PAIR + " -n " + OperatorUnderTest.NAMESPACE);
            approvals.add(value);
            await().atMost(LONG).until(() -> !value.equals(operator.pair().getStatus().getAwaitedApproval()));
        }
        String id = migrationId();
        assertThat(approvals).containsExactly(id, id + "-fence");
        assertThat(kubectl.plugin(plugins, "bbp", "status", OperatorUnderTest.PAIR, "-n",
                OperatorUnderTest.NAMESPACE).orThrow().stdout()).contains("True MigrationCompleted")
                .doesNotContain("awaiting ");
    }

    private String migrationId() {
        return operator.pair().getStatus().getHistory().stream().filter(r -> "Migration".equals(r.getType()))
                .findFirst().orElseThrow().getId();
    }

    /**
     * What Argo CD does with an action's result: a merge patch of what changed, here of the operator's annotations
     * (the only ones the actions touch; {@link ArgoCdScripts#action} reads annotations line by line, which a
     * multi-line one such as kubectl's last-applied-configuration would garble).
     */
    private static void applyAsArgoCd(Kubectl kubectl, JsonNode before, Map<String, String> after) {
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
        after.forEach((key, value) -> {
            if (key.startsWith("binarybosh.io/")
                    && !value.equals(before.path("metadata").path("annotations").path(key).asText(null))) {
                annotations.put(key, value);
            }
        });
        before.path("metadata").path("annotations").fieldNames().forEachRemaining(key -> {
            if (key.startsWith("binarybosh.io/") && !after.containsKey(key)) {
                annotations.putNull(key);
            }
        });
        kubectl.run("patch", "bbp", OperatorUnderTest.PAIR, "-n", OperatorUnderTest.NAMESPACE, "--type=merge",
                "-p", patch.toString()).orThrow();
    }

    private static void record(JsonNode pair, String name) throws IOException {
        if (RECORD) {
            Path fixture = ProjectFiles.root().resolve("e2e/src/test/resources/argocd").resolve(name);
            Files.writeString(fixture, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pair) + "\n");
        }
    }
}
