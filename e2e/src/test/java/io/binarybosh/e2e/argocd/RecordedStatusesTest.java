package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.kube.ProjectFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Argo CD scripts on pairs exactly as the real operator wrote them during a manual migration
 * (argocd/recorded-*.json: ManualMigrationByToolsTest writes them when run with -DrecordArgoCdFixtures=true), so
 * that the scripts cannot drift from what the operator writes.
 */
class RecordedStatusesTest {

    @BeforeEach
    void needsLua() {
        assumeTrue(Lua.available(), "no /usr/bin/lua5.1 (bin/test installs the lua5.1 package)");
    }

    private static List<Path> recorded(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("e2e/src/test/resources/argocd"))) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void eachGateOfTheMigrationIsSuspendedSaysHowToApproveAndTheActionWritesTheAwaitedValue() throws IOException {
        List<Path> awaiting = recorded("recorded-awaiting-");
        assertThat(awaiting).as("the copy's and the fence's approvals").hasSize(2);
        for (Path file : awaiting) {
            JsonNode pair = ArgoCdScripts.fixture(file.getFileName().toString());
            String awaited = pair.path("status").path("awaitedApproval").asText();
            assertThat(awaited).as(file.toString()).isNotEmpty();
            ArgoCdScripts.Health health = ArgoCdScripts.health(pair);
            assertThat(health.status()).isEqualTo("Suspended");
            assertThat(health.message()).contains("binarybosh.io/approve=" + awaited,
                    "kubectl bbp approve " + pair.path("metadata").path("name").asText());
            assertThat(ArgoCdScripts.discovery(pair).get("approve")).isEqualTo(new ArgoCdScripts.Action(false));
            assertThat(ArgoCdScripts.action("approve", pair)).containsEntry("binarybosh.io/approve", awaited);
        }
        assertThat(ArgoCdScripts.fixture(awaiting.get(1).getFileName().toString()).path("status")
                .path("awaitedApproval").asText()).endsWith("-fence");
    }

    @Test
    void aMigratedPairAwaitsNothing() {
        JsonNode pair = ArgoCdScripts.fixture("recorded-migrated.json");
        assertThat(pair.path("status").has("awaitedApproval")).isFalse();
        assertThat(ArgoCdScripts.health(pair).status()).isNotEqualTo("Suspended");
        assertThat(ArgoCdScripts.discovery(pair).get("approve")).isEqualTo(new ArgoCdScripts.Action(true));
        assertThat(ArgoCdScripts.action("approve", pair)).containsOnlyKeys("error: nothing awaits approval");
    }
}
