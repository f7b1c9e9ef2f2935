package io.binarybosh.operator.reconcile;

import io.binarybosh.operator.model.DesiredCondition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/troubleshooting.md explains every reason the operator can put in a condition or a decision: the reasons
 * are read from the source (literal reasons of conditions, spec problems and Wait/Blocked steps), so a new one
 * without an explanation fails here.
 */
class TroubleshootingCoversReasonsTest {

    private static final Pattern REASONS = Pattern.compile(
            "(?:Step\\.(?:Blocked|Wait)\\(|DesiredCondition\\.(?:isTrue|isFalse|unknown)\\([A-Za-z_.]+, "
                    + "|problem\\(|new ConfigProblem\\(|String [A-Z_]+ = |(?:refuse|block)\\((?:[a-z]+, ){0,3})"
                    + "\"([A-Z][A-Za-z]+)\"");

    @Test
    void everyReasonIsExplained() throws IOException {
        Set<String> reasons = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/io/binarybosh/operator"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = REASONS.matcher(Files.readString(source));
                while (matcher.find()) {
                    reasons.add(matcher.group(1));
                }
            }
        }
        String troubleshooting = Files.readString(Path.of(System.getProperty("committedReference",
                "../docs/reference.md")).resolveSibling("troubleshooting.md"));

        assertThat(reasons).as("reasons found in the source").contains("Lost", "SecretNotFound", "VmMissing",
                "ConnectionFailed", "AwaitingApproval", "VersionSkew", "SourcePostgresRunning", "CopyFailed");
        assertThat(reasons).allSatisfy(reason -> assertThat(troubleshooting).as("docs/troubleshooting.md explains")
                .contains("`" + reason + "`"));
    }
}
