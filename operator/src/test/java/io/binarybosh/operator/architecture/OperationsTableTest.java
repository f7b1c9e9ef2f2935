package io.binarybosh.operator.architecture;

import io.binarybosh.operator.model.OperationStep;
import io.binarybosh.operator.model.OperationType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md's table of operations and steps names exactly the steps of each {@link OperationType}: a row
 * whose first cell names a type starts it, the rows below with an empty first cell go on with it, and a step cell
 * may list several steps in backticks.
 */
class OperationsTableTest {

    private static final String HEADER = "| type | step | acts | a restarted operator at this step |";
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    @Test
    void theTableNamesExactlyTheStepsOfEachOperationType() throws IOException {
        Map<OperationType, Set<String>> documented = documented(Files.readAllLines(
                Path.of("../docs/architecture.md")));
        assertThat(documented.keySet()).containsExactlyInAnyOrder(OperationType.values());
        for (OperationType type : OperationType.values()) {
            assertThat(documented.get(type)).as("the steps of " + type + " in docs/architecture.md")
                    .containsExactlyInAnyOrderElementsOf(type.steps().stream().map(OperationStep::wire).toList());
        }
    }

    @Test
    void aStepCellMayListSeveralStepsAndARowWithoutATypeGoesOnWithTheOneAbove() {
        Map<OperationType, Set<String>> documented = documented(List.of("text", HEADER, "| --- | --- | --- | --- |",
                "| `Deploy` | `AwaitingApproval`, `Deploying` | `POST /deployments` | finds it |",
                "| | `Verifying` | nothing | looks again |",
                "| `CancelStuckTask` | `Cancelling` | `DELETE /task/:id` | reads it |", "", "| other | table |"));
        assertThat(documented).containsOnlyKeys(OperationType.DEPLOY, OperationType.CANCEL_STUCK_TASK);
        assertThat(documented.get(OperationType.DEPLOY)).containsExactly("AwaitingApproval", "Deploying",
                "Verifying");
    }

    /** The backticked words of each step cell, by the type of its row. */
    private static Map<OperationType, Set<String>> documented(List<String> lines) {
        int header = lines.indexOf(HEADER);
        assertThat(header).as("docs/architecture.md has the table of operations and steps").isNotNegative();
        Map<OperationType, Set<String>> steps = new EnumMap<>(OperationType.class);
        OperationType type = null;
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = cells(line);
            if (!cells.get(0).isEmpty()) {
                String name = cells.get(0).replace("`", "");
                type = OperationType.fromWire(name).orElseThrow(() -> new AssertionError("'" + name + "' in the "
                        + "table's first column is no operation type"));
            }
            assertThat(type).as("the table's first row names its type: " + line).isNotNull();
            Matcher quoted = QUOTED.matcher(cells.get(1));
            while (quoted.find()) {
                steps.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(quoted.group(1));
            }
        }
        return steps;
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1).split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }
}
