package io.binarybosh.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates x-kubernetes-validations rules with cel-java, {@code self} bound to the value as the API server binds
 * it (objects as maps, integers as int, numbers as double). Each rule is compiled once.
 */
final class CelRules {

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    boolean holds(String rule, JsonNode self) {
        try {
            Object result = programs.computeIfAbsent(rule, this::program).eval(Map.of("self", toCel(self)));
            if (!(result instanceof Boolean holds)) {
                throw new IllegalStateException("rule '" + rule + "' gave " + result + ", not a boolean");
            }
            return holds;
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("rule '" + rule + "' failed to evaluate: " + e.getMessage(), e);
        }
    }

    /** Fails when the rule does not compile, as the API server refuses such a CRD. */
    void compiles(String rule) {
        program(rule);
    }

    private CelRuntime.Program program(String rule) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(rule).getAst();
            return runtime.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("rule '" + rule + "' does not compile: " + e.getMessage(), e);
        }
    }

    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
