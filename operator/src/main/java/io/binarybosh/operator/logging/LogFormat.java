package io.binarybosh.operator.logging;

import org.apache.logging.log4j.core.config.Configurator;

import java.util.Locale;

/**
 * How log lines are written: {@code text} (one line, for people) or {@code json} (one JSON object per line, for
 * a log pipeline). {@code log4j2.xml} picks the appender of the same name from the system property
 * {@value #PROPERTY}, else the environment variable {@code LOG_FORMAT}.
 */
public enum LogFormat {
    TEXT,
    JSON;

    public static final String PROPERTY = "binarybosh.log.format";

    public static LogFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + value + "'");
        }
    }

    /** The appender's name in log4j2.xml. */
    public String appender() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Switches this process's logging to this format (a flag can differ from the environment logging read). */
    public void apply() {
        if (!appender().equals(System.getProperty(PROPERTY))) {
            System.setProperty(PROPERTY, appender());
            Configurator.reconfigure();
        }
    }
}
