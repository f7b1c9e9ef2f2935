package io.binarybosh.operator.crd;

import io.binarybosh.operator.model.ReasonSection;

import java.util.List;

/** The reasons of one section of docs/troubleshooting.md, in the order the guide lists them. */
record ReasonTable(ReasonSection section, List<ReasonRow> rows) {

    /** The markdown table; without the "what to do" column when no row has one. */
    String markdown() {
        boolean todo = rows.stream().anyMatch(row -> !row.todo().isEmpty());
        StringBuilder table = new StringBuilder(todo ? "| reason | meaning | what to do |\n| --- | --- | --- |\n"
                : "| reason | meaning |\n| --- | --- |\n");
        for (ReasonRow row : rows) {
            List<String> cells = new java.util.ArrayList<>(List.of(String.join(", ",
                    row.reasons().stream().map(reason -> "`" + reason.wire() + "`").toList()), row.meaning()));
            if (todo) {
                cells.add(row.todo());
            }
            table.append('|');
            for (String cell : cells) {
                table.append(cell.isEmpty() ? " " : " " + cell.replace("|", "\\|") + " ").append('|');
            }
            table.append('\n');
        }
        return table.toString();
    }
}
