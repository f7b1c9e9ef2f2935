package io.binarybosh.e2e.operator;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log line the JVM writes through log4j2 while open, at debug level for the operator (the console keeps
 * its level), exceptions with their stack traces. The simulated world's own lines are left out: it is not under
 * test and holds the secrets by design.
 */
final class LogCapture implements AutoCloseable {

    private static final String OPERATOR_LOGGERS = "io.binarybosh";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Appender appender;
    private final Level operatorLevel;
    private final Map<String, Appender> rootAppenders;

    LogCapture() {
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (!event.getLoggerName().startsWith("io.binarybosh.e2e")) {
                    lines.add(line(event));
                }
            }
        };
        appender.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        rootAppenders = Map.copyOf(root.getAppenders());
        rootAppenders.keySet().forEach(root::removeAppender);
        // The console goes on at info: debug is only for the scan.
        rootAppenders.values().forEach(console -> root.addAppender(console, Level.INFO, null));
        root.addAppender(appender, Level.ALL, null);
        LoggerConfig operator = configuration.getLoggerConfig(OPERATOR_LOGGERS);
        operatorLevel = operator.getLevel();
        operator.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    private static String line(LogEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getMessage().getFormattedMessage();
        if (event.getThrown() == null) {
            return line;
        }
        StringWriter trace = new StringWriter();
        event.getThrown().printStackTrace(new PrintWriter(trace));
        return line + "\n" + trace;
    }

    /** The lines captured so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        root.removeAppender(appender.getName());
        rootAppenders.keySet().forEach(root::removeAppender);
        rootAppenders.values().forEach(console -> root.addAppender(console, null, null));
        configuration.getLoggerConfig(OPERATOR_LOGGERS).setLevel(operatorLevel);
        context.updateLoggers();
        appender.stop();
    }
}
