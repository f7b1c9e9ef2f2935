package io.binarybosh.e2e.bench;

import java.util.List;
import java.util.Map;

/**
 * What one benchmark found: its figures (written to results.json as they are), a table for results.md and the
 * notes a reader needs to judge them. A benchmark that could not run says why instead of giving a figure.
 */
record Section(String id, String title, boolean measured, Map<String, Object> figures, Table table,
               List<String> notes) {

    record Table(List<String> columns, List<List<String>> rows) {
    }

    static Section notMeasured(String id, String title, String why) {
        return new Section(id, title, false, Map.of(), new Table(List.of(), List.of()), List.of(why));
    }
}
