package io.binarybosh.operator.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Small classes with one job: no source file of the operator grows past {@value #MOST_LINES} lines. */
class SourceSizeTest {

    static final int MOST_LINES = 400;

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                long lines;
                try (Stream<String> content = Files.lines(source)) {
                    lines = content.count();
                }
                if (lines > MOST_LINES) {
                    tooLong.put(source.toString(), lines);
                }
            }
        }
        assertThat(files).as("sources were read").isGreaterThan(100);
        assertThat(tooLong).as("files over " + MOST_LINES + " lines").isEmpty();
    }
}
