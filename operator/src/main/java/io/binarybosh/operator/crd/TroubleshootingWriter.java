package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.ReasonSection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the reason tables of {@code docs/troubleshooting.md} from the {@link io.binarybosh.operator.model.Reason}
 * enum's documentation: the region {@code reasons-<section>} gets the table of that {@link ReasonSection}; the
 * prose around it is left as written.
 *
 * <p>{@code bin/update-crd} runs it: {@code TroubleshootingWriter <troubleshooting.md>}. TroubleshootingFileTest
 * checks that the committed file is what it would write.
 */
public final class TroubleshootingWriter {

    private static final String PREFIX = "reasons-";

    private TroubleshootingWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TroubleshootingWriter <troubleshooting.md>");
        }
        Path guide = Path.of(args[0]);
        Files.writeString(guide, update(Files.readString(guide)));
    }

    /** Every section's table, in the order of {@link ReasonSection}. */
    static Map<ReasonSection, ReasonTable> tables() {
        Map<ReasonSection, ReasonTable> tables = new EnumMap<>(ReasonSection.class);
        Stream.of(DirectorReasonDocs.tables(), PairReasonDocs.tables(), MigrationReasonDocs.tables(),
                ActionReasonDocs.tables()).flatMap(List::stream).forEach(table -> {
                    if (tables.put(table.section(), table) != null) {
                        throw new IllegalStateException("two tables for " + table.section());
                    }
                });
        return tables;
    }

    /** The guide with every reason table rewritten; fails on a region this writer does not know. */
    public static String update(String document) {
        Map<ReasonSection, ReasonTable> tables = tables();
        return GeneratedRegions.rewrite(document, region -> tables.values().stream()
                .filter(table -> region(table.section()).equals(region))
                .findFirst()
                .map(ReasonTable::markdown)
                .orElseThrow(() -> new IllegalArgumentException("unknown generated region '" + region + "'")));
    }

    /** The region name of {@code section}'s table. */
    static String region(ReasonSection section) {
        return PREFIX + section.region();
    }
}
