package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.ConditionType;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.ReasonSection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/troubleshooting.md explains every reason the operator writes, where it writes it: its reason tables are
 * generated from the {@link Reason} enum's documentation, and the committed file is what the generator writes.
 */
class TroubleshootingFileTest {

    private static Path committed() {
        return Path.of(System.getProperty("committedReference", "../docs/reference.md"))
                .resolveSibling("troubleshooting.md");
    }

    @Test
    void reasonTablesAreWhatTheEnumSays() throws IOException {
        String guide = Files.readString(committed());

        for (ReasonSection section : ReasonSection.values()) {
            assertThat(guide).contains("<!-- BEGIN GENERATED: " + TroubleshootingWriter.region(section) + " -->");
        }
        assertThat(guide).as("docs/troubleshooting.md is stale: run bin/update-crd and commit the result")
                .isEqualTo(TroubleshootingWriter.update(guide));
    }

    @Test
    void everyReasonIsExplainedInEachSectionItIsWrittenInAndNowhereElse() {
        Map<ReasonSection, ReasonTable> tables = TroubleshootingWriter.tables();

        assertThat(tables.keySet()).containsExactlyInAnyOrder(ReasonSection.values());
        for (ReasonTable table : tables.values()) {
            Set<Reason> documented = table.rows().stream().flatMap(row -> row.reasons().stream())
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
            Set<Reason> written = Arrays.stream(Reason.values())
                    .filter(reason -> reason.sections().contains(table.section()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
            assertThat(documented).as("reasons explained under " + table.section()).isEqualTo(written);
            assertThat(table.rows()).allSatisfy(row -> assertThat(row.meaning()).isNotBlank());
        }
        assertThat(Reason.values()).allSatisfy(reason -> assertThat(reason.sections()).isNotEmpty());
    }

    @Test
    void wireStringsAreUniqueAndReadBack() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::wire).distinct()).hasSize(Reason.values().length);
        assertThat(Reason.values()).allSatisfy(reason ->
                assertThat(Reason.fromWire(reason.wire())).contains(reason));
        assertThat(ConditionType.values()).allSatisfy(type ->
                assertThat(ConditionType.fromWire(type.wire())).contains(type));
        assertThat(Reason.fromWire("SomethingElse")).isEmpty();
    }

    @Test
    void todaysWireStringsStay() {
        // Argo CD's health script, alerts and people's runbooks name these.
        assertThat(Reason.LOST.wire()).isEqualTo("Lost");
        assertThat(Reason.databaseNotAnswering(io.binarybosh.operator.model.DirectorRole.MICRO).wire())
                .isEqualTo("MicroDatabaseNotAnswering");
        assertThat(Reason.notManagedByPeer(io.binarybosh.operator.model.DirectorRole.PRIMARY).wire())
                .isEqualTo("PrimaryNotManagedByMeta");
        assertThat(ConditionType.reachable(io.binarybosh.operator.model.DirectorRole.MICRO).wire())
                .isEqualTo("MicroReachable");
        assertThat(ConditionType.healthy(io.binarybosh.operator.model.DirectorRole.META).wire())
                .isEqualTo("MetaHealthy");
    }

    @Test
    void anUnknownRegionIsRefused() {
        assertThatThrownBy(() -> TroubleshootingWriter.update(
                "<!-- BEGIN GENERATED: reasons-nonsense -->\n<!-- END GENERATED: reasons-nonsense -->"))
                .hasMessageContaining("reasons-nonsense");
    }
}
