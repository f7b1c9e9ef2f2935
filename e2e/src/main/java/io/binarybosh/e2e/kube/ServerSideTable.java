package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom resource (or a list of them) as the {@code meta.k8s.io/v1} Table a real API server answers when kubectl
 * asks for one ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): a Name column, then the CRD
 * version's {@code additionalPrinterColumns} (only Age when it has none), one row per object with the object's
 * metadata. Cells follow the apiextensions table convertor: the first value a column's path reaches, nil when
 * none, strings printed, dates as the time since, as kubectl prints ages.
 */
final class ServerSideTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when "
            + "creating resources, although some resources may allow a client to request the generation of an "
            + "appropriate name automatically. Name is primarily intended for creation idempotence and "
            + "configuration definition. Cannot be updated. More info: "
            + "http://kubernetes.io/docs/user-guide/identifiers#names";

    /** What a row carries of its object: the {@code includeObject} query parameter. */
    enum IncludeObject { NONE, METADATA, OBJECT;

        static IncludeObject of(String path) {
            if (path.contains("includeObject=None")) {
                return NONE;
            }
            return path.contains("includeObject=Object") ? OBJECT : METADATA;
        }
    }

    private record Column(String name, String type, String format, String description, int priority,
                          PrinterColumnPath path) {
    }

    private final List<Column> columns;

    private ServerSideTable(List<Column> columns) {
        this.columns = columns;
    }

    /** Whether an Accept header asks for a Table (kubectl lists it first, before plain JSON). */
    static boolean requested(String accept) {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io")
                && accept.contains("v=v1");
    }

    /** The table of {@code version} (an element of a CRD's {@code spec.versions}). */
    static ServerSideTable of(JsonNode version) {
        List<Column> columns = new ArrayList<>();
        JsonNode printerColumns = version.path("additionalPrinterColumns");
        if (printerColumns.isEmpty()) {
            columns.add(new Column("Age", "date", "", "", 0, PrinterColumnPath.parse(".metadata.creationTimestamp")));
        }
        printerColumns.forEach(column -> columns.add(new Column(column.path("name").asText(),
                column.path("type").asText("string"), column.path("format").asText(""),
                column.path("description").asText(""), column.path("priority").asInt(0),
                PrinterColumnPath.parse(column.path("jsonPath").asText()))));
        return new ServerSideTable(List.copyOf(columns));
    }

    /** The Table of {@code body}, an object or a list of them, at {@code now}. */
    ObjectNode of(JsonNode body, IncludeObject include, Instant now) {
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        boolean list = body.has("items");
        if (list) {
            metadata.setAll((ObjectNode) body.path("metadata").deepCopy());
        } else {
            metadata.put("resourceVersion", body.path("metadata").path("resourceVersion").asText());
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", NAME_DESCRIPTION).put("priority", 0);
        columns.forEach(column -> definitions.addObject().put("name", column.name()).put("type", column.type())
                .put("format", column.format()).put("description", column.description())
                .put("priority", column.priority()));
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> objects = new ArrayList<>();
        if (list) {
            body.path("items").forEach(objects::add);
        } else {
            objects.add(body);
        }
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            columns.forEach(column -> cells.add(cell(column, object, now)));
            switch (include) {
                case OBJECT -> row.set("object", object);
                case METADATA -> row.putObject("object").put("kind", "PartialObjectMetadata")
                        .put("apiVersion", "meta.k8s.io/v1").set("metadata", object.path("metadata"));
                default -> { }
            }
        }
        return table;
    }

    private static JsonNode cell(Column column, JsonNode object, Instant now) {
        List<JsonNode> values = column.path().evaluate(object);
        if (values.isEmpty()) {
            return JSON.nullNode();
        }
        JsonNode value = values.get(0);
        switch (column.type()) {
            case "string":
                return JSON.getNodeFactory().textNode(value.isValueNode() ? value.asText() : value.toString());
            case "date":
                try {
                    return JSON.getNodeFactory().textNode(
                            humanDuration(Duration.between(Instant.parse(value.asText()), now)));
                } catch (DateTimeParseException e) {
                    return JSON.nullNode();
                }
            default:
                return value;
        }
    }

    /** How kubectl and the API server print an age (apimachinery's duration.HumanDuration). */
    static String humanDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = duration.toMinutes();
        if (minutes < 10) {
            long rest = seconds % 60;
            return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = duration.toHours();
        if (hours < 8) {
            long rest = minutes % 60;
            return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long rest = hours % 24;
            return rest == 0 ? hours / 24 + "d" : hours / 24 + "d" + rest + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long rest = (hours / 24) % 365;
            return rest == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + rest + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
