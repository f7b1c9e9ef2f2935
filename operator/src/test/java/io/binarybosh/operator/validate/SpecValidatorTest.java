package io.binarybosh.operator.validate;

import io.binarybosh.operator.TestPairs;
import io.binarybosh.operator.model.BinaryBoshPairSpec;
import io.binarybosh.operator.model.ConfigProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SpecValidatorTest {

    private final SpecValidator validator = new SpecValidator();

    private static BinaryBoshPairSpec valid() {
        return TestPairs.withMicro(TestPairs.pair("https://10.10.0.4:25555", "https://10.10.0.5:25555"),
                "https://10.10.0.3:25555").getSpec();
    }

    @Test
    void validSpecHasNoProblems() {
        assertThat(validator.validate(valid())).isEmpty();
    }

    @Test
    void missingSpec() {
        assertThat(validator.validate(null)).extracting(problem -> problem.reason().wire()).containsExactly("FieldMissing");
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                problem("primary missing", s -> s.setPrimary(null), "FieldMissing", "spec.primary is required"),
                problem("http url", s -> s.getMeta().setUrl("http://10.10.0.5"), "InvalidUrl", "spec.meta.url"),
                problem("port out of range", s -> s.getMeta().setUrl("https://10.10.0.5:99999"), "InvalidUrl",
                        "spec.meta.url"),
                problem("same director, default port spelled out", s -> s.getMeta().setUrl("https://10.10.0.4"),
                        "SameDirectorTwice", "name the same director (https://10.10.0.4:25555)"),
                problem("same director, different case", s -> s.getMeta().setUrl("https://EXAMPLE.org:25555"),
                        "SameDirectorTwice", null, s -> s.getPrimary().setUrl("https://example.org")),
                problem("same deployment", s -> s.getMeta().setDeployment("bosh-primary"), "SameDeploymentTwice",
                        "both 'bosh-primary'"),
                problem("micro equals meta", s -> s.getBootstrap().getMicro().setUrl("https://10.10.0.5:25555/"),
                        "SameDirectorTwice", "spec.bootstrap.micro.url"),
                problem("bad deployment name", s -> s.getMeta().setDeployment("-meta"), "InvalidDeploymentName",
                        "spec.meta.deployment"),
                problem("relative store path", s -> s.getPrimary().setStorePath("store"), "InvalidStorePath",
                        "spec.primary.storePath"),
                problem("no host key", s -> s.getBootstrap().getMicro().getSsh().setHostKeySecretRef(null),
                        "FieldMissing", "host keys are always verified"),
                problem("poll interval zero", s -> s.getHealth().setPollIntervalSeconds(0), "OutOfRange",
                        "spec.health.pollIntervalSeconds"),
                problem("unreachable before poll", s -> s.getHealth().setUnreachableAfterSeconds(10), "OutOfRange",
                        "unreachableAfterSeconds must be at least pollIntervalSeconds"),
                problem("recreate before unreachable", s -> s.getHealth().setForceRecreateAfterSeconds(30),
                        "OutOfRange", "forceRecreateAfterSeconds must be at least unreachableAfterSeconds"),
                problem("percent above one", s -> s.getResurrection().setPercentThreshold(2.0), "OutOfRange",
                        "percentThreshold"),
                problem("no ca", s -> s.getPrimary().setCaSecretRef(null), "FieldMissing",
                        "spec.primary.caSecretRef.name is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void problemIsReported(String name, List<Consumer<BinaryBoshPairSpec>> mutations, String reason,
                           String messagePart) {
        BinaryBoshPairSpec spec = valid();
        mutations.forEach(m -> m.accept(spec));
        List<ConfigProblem> problems = validator.validate(spec);
        assertThat(problems).extracting(problem -> problem.reason().wire()).contains(reason);
        if (messagePart != null) {
            assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains(messagePart));
        }
    }

    @SafeVarargs
    private static Arguments problem(String name, Consumer<BinaryBoshPairSpec> mutation, String reason,
                                     String messagePart, Consumer<BinaryBoshPairSpec>... more) {
        List<Consumer<BinaryBoshPairSpec>> mutations = new java.util.ArrayList<>(List.of(more));
        mutations.add(0, mutation);
        return Arguments.of(name, mutations, reason, messagePart);
    }
}
