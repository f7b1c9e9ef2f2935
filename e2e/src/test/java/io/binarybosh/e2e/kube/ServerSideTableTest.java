package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSideTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void pathsReachFieldsIndexesAndFilteredElements() throws Exception {
        JsonNode pair = json("""
                {"status":{"phase":"Degraded","conditions":[{"type":"SpecValid","status":"True"},
                {"type":"Ready","status":"False","reason":"NotYetManaged"}],"history":[{"n":1},{"n":2}]}}""");

        assertThat(PrinterColumnPath.parse(".status.phase").evaluate(pair)).extracting(JsonNode::asText)
                .containsExactly("Degraded");
        assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type==\"Ready\")].reason").evaluate(pair))
                .extracting(JsonNode::asText).containsExactly("NotYetManaged");
        assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type=='Lost')].reason").evaluate(pair)).isEmpty();
        assertThat(PrinterColumnPath.parse(".status.history[1].n").evaluate(pair)).extracting(JsonNode::asInt)
                .containsExactly(2);
        assertThat(PrinterColumnPath.parse(".status.history[*].n").evaluate(pair)).hasSize(2);
        assertThat(PrinterColumnPath.parse(".spec.missing").evaluate(pair)).isEmpty();
        assertThatThrownBy(() -> PrinterColumnPath.parse(".status..phase")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> PrinterColumnPath.parse("{.status.phase}")).hasMessageContaining("unsupported");
    }

    @Test
    void rowsHoldTheNameThenOneCellPerColumnWithNilWhereNothingIsFound() throws Exception {
        JsonNode version = json("""
                {"name":"v1","additionalPrinterColumns":[
                {"name":"Phase","type":"string","jsonPath":".status.phase"},
                {"name":"Attempts","type":"integer","jsonPath":".status.attempts","priority":1},
                {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]}""");
        JsonNode list = json("""
                {"kind":"List","metadata":{"resourceVersion":"7"},"items":[
                {"metadata":{"name":"a","namespace":"n","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "status":{"phase":"Ready","attempts":3}},
                {"metadata":{"name":"b","namespace":"n","creationTimestamp":"2026-01-01T00:00:00Z"}}]}""");

        JsonNode table = ServerSideTable.of(version).of(list, ServerSideTable.IncludeObject.METADATA,
                Instant.parse("2026-01-01T00:05:30Z"));

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Phase", "Attempts", "Age");
        assertThat(table.path("columnDefinitions").get(2).path("priority").asInt()).isEqualTo(1);
        assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"a\",\"Ready\",3,\"5m30s\"]");
        assertThat(table.path("rows").get(1).path("cells").toString()).isEqualTo("[\"b\",null,null,\"5m30s\"]");
        assertThat(table.path("rows").get(0).path("object").path("kind").asText())
                .isEqualTo("PartialObjectMetadata");
        assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
                .isEqualTo("n");
    }

    @Test
    void agesArePrintedAsKubectlPrintsThem() {
        assertThat(ServerSideTable.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(ServerSideTable.humanDuration(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(ServerSideTable.humanDuration(Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(ServerSideTable.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
        assertThat(ServerSideTable.humanDuration(Duration.ofMinutes(250))).isEqualTo("4h10m");
        assertThat(ServerSideTable.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(ServerSideTable.humanDuration(Duration.ofHours(50))).isEqualTo("2d2h");
        assertThat(ServerSideTable.humanDuration(Duration.ofDays(30))).isEqualTo("30d");
    }
}
