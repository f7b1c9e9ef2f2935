package io.binarybosh.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code binarybosh_build_info{version, java_version} 1}: which operator build a scrape came from. */
final class BuildInfo {

    private BuildInfo() {
    }

    static void register(MeterRegistry registry) {
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        Gauge.builder("binarybosh.build.info", () -> 1)
                .description("1, labelled with the operator's version and the Java runtime's")
                .tag("version", version == null ? "unknown" : version)
                .tag("java_version", System.getProperty("java.version"))
                .register(registry);
    }
}
