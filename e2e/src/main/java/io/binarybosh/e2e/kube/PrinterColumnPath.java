package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Kubernetes JSONPath that CRD printer columns use, evaluated as the API server's table convertor
 * evaluates a column's {@code jsonPath}: fields ({@code .status.phase}), indexes ({@code [0]}), every element
 * ({@code [*]}) and equality filters ({@code [?(@.type=="Ready")]}). Anything else is refused when parsed, rather
 * than answered differently from a real API server.
 */
final class PrinterColumnPath {

    private static final Pattern STEP = Pattern.compile(
            "\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\*]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)\\s*==\\s*(?:\"([^\"]*)\"|'([^']*)')\\)]");

    private sealed interface Step permits Field, Index, Every, Filter {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Every() implements Step {
    }

    private record Filter(String field, String value) implements Step {
    }

    private final List<Step> steps;

    private PrinterColumnPath(List<Step> steps) {
        this.steps = steps;
    }

    static PrinterColumnPath parse(String path) {
        List<Step> steps = new ArrayList<>();
        Matcher matcher = STEP.matcher(path);
        int position = 0;
        while (position < path.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw new IllegalArgumentException("unsupported printer column path " + path + " at " + position);
            }
            if (matcher.group(1) != null) {
                steps.add(new Field(matcher.group(1)));
            } else if (matcher.group(2) != null) {
                steps.add(new Index(Integer.parseInt(matcher.group(2))));
            } else if (matcher.group(3) != null) {
                steps.add(new Filter(matcher.group(3), matcher.group(4) != null ? matcher.group(4) : matcher.group(5)));
            } else {
                steps.add(new Every());
            }
            position = matcher.end();
        }
        return new PrinterColumnPath(List.copyOf(steps));
    }

    /** Every value the path reaches in {@code object}, in document order; empty when it reaches none. */
    List<JsonNode> evaluate(JsonNode object) {
        List<JsonNode> current = List.of(object);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step instanceof Field field) {
                    if (node.has(field.name())) {
                        next.add(node.get(field.name()));
                    }
                } else if (step instanceof Index index) {
                    if (node.isArray() && index.index() < node.size()) {
                        next.add(node.get(index.index()));
                    }
                } else if (step instanceof Filter filter) {
                    node.forEach(element -> {
                        JsonNode value = element.get(filter.field());
                        if (value != null && value.isValueNode() && value.asText().equals(filter.value())) {
                            next.add(element);
                        }
                    });
                } else {
                    node.forEach(next::add);
                }
            }
            current = next;
        }
        return current.stream().filter(node -> !node.isNull()).toList();
    }
}
