package io.binarybosh.operator.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binarybosh.operator.model.BinaryBoshPair;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped log4j2.xml: the format property picks the appender, both layouts carry pair, step and operation. */
class LoggingConfigurationTest {

    private static final LogEvent EVENT = Log4jLogEvent.newBuilder()
            .setLoggerName("io.binarybosh.operator.act.Actor")
            .setLevel(Level.WARN)
            .setMessage(new SimpleMessage("scan failed"))
            .setThrown(new IllegalStateException("director said no"))
            .setContextData(new SortedArrayStringMap(Map.of(LogContext.PAIR, "bosh-system/bosh",
                    LogContext.STEP, "ContinueOperation:FOLLOW_TASK", LogContext.OPERATION, "Repair/Scanning op-1")))
            .build();

    private static LoggerContext load(LogFormat format) throws IOException {
        String before = System.getProperty(LogFormat.PROPERTY);
        System.setProperty(LogFormat.PROPERTY, format.appender());
        try (InputStream xml = LoggingConfigurationTest.class.getResourceAsStream("/log4j2.xml")) {
            LoggerContext context = new LoggerContext("logging-configuration-test-" + format);
            context.start(new XmlConfiguration(context, new ConfigurationSource(xml)));
            return context;
        } finally {
            if (before == null) {
                System.clearProperty(LogFormat.PROPERTY);
            } else {
                System.setProperty(LogFormat.PROPERTY, before);
            }
        }
    }

    private static String render(LogFormat format) throws IOException {
        LoggerContext context = load(format);
        try {
            Map<String, Appender> appenders = context.getConfiguration().getRootLogger().getAppenders();
            assertThat(appenders).containsOnlyKeys(format.appender());
            return new String(appenders.get(format.appender()).getLayout().toByteArray(EVENT),
                    StandardCharsets.UTF_8);
        } finally {
            context.stop();
        }
    }

    @Test
    void textLinesNameThePairTheStepAndTheOperation() throws IOException {
        String line = render(LogFormat.TEXT);

        assertThat(line).contains("WARN", "Actor", "pair=bosh-system/bosh step=ContinueOperation:FOLLOW_TASK "
                + "operation=Repair/Scanning op-1 scan failed", "director said no");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheSameFields() throws IOException {
        String line = render(LogFormat.JSON);

        assertThat(line).endsWith("\n").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("io.binarybosh.operator.act.Actor");
        assertThat(json.get("pair").asText()).isEqualTo("bosh-system/bosh");
        assertThat(json.get("step").asText()).isEqualTo("ContinueOperation:FOLLOW_TASK");
        assertThat(json.get("operation").asText()).isEqualTo("Repair/Scanning op-1");
        assertThat(json.get("message").asText()).isEqualTo("scan failed");
        assertThat(json.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("error.stack_trace").asText()).contains("director said no");
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void theContextIsRestoredWhenClosed() {
        MDC.put(LogContext.STEP, "outer");
        try {
            BinaryBoshPair pair = new BinaryBoshPair();
            pair.getMetadata().setNamespace("ns");
            pair.getMetadata().setName("p");
            try (LogContext ignored = LogContext.of(pair, "observe")) {
                LogContext.step("StartRepair");
                assertThat(MDC.get(LogContext.PAIR)).isEqualTo("ns/p");
                assertThat(MDC.get(LogContext.STEP)).isEqualTo("StartRepair");
            }
            assertThat(MDC.get(LogContext.PAIR)).isNull();
            assertThat(MDC.get(LogContext.STEP)).isEqualTo("outer");
        } finally {
            MDC.clear();
        }
    }
}
