package io.binarybosh.operator.crd;

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

/** Evaluates an x-kubernetes-validations rule against a value, with {@code self} bound as the API server does. */
final class CelRules {

    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    boolean holds(String rule, JsonNode self) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(rule).getAst();
            Object result = runtime.createProgram(ast).eval(Map.of("self", toCel(self)));
            if (!(result instanceof Boolean)) {
                throw new IllegalStateException("rule '" + rule + "' gave " + result + ", not a boolean");
            }
            return (Boolean) result;
        } catch (CelValidationException e) {
            throw new IllegalStateException("rule '" + rule + "' does not compile: " + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("rule '" + rule + "' failed to evaluate: " + e.getMessage(), e);
        }
    }

    void compiles(String rule) {
        try {
            compiler.compile(rule).getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("rule '" + rule + "' does not compile: " + e.getMessage(), e);
        }
    }

    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
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
