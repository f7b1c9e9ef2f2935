package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.binarybosh.e2e.kube.ProjectFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the chart's Argo CD scripts on a resource as Argo CD does: the resource is the global {@code obj}, the
 * script's return value is the answer. Each run prints that answer in lines this class parses.
 */
public final class ArgoCdScripts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param status Healthy, Progressing, Degraded, Suspended...; @param message the message, may be empty */
    public record Health(String status, String message) {
    }

    /** @param disabled whether Argo CD greys the action out */
    public record Action(boolean disabled) {
    }

    private ArgoCdScripts() {
    }

    static Path directory() {
        return ProjectFiles.root().resolve("helm/binary-bosh-operator/argocd");
    }

    static JsonNode fixture(String name) {
        try (var in = ArgoCdScripts.class.getResourceAsStream("/argocd/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Health health(JsonNode resource) {
        String out = Lua.run(prelude(resource) + """
                local hs = dofile(%s)
                io.write(hs.status, "\\n", hs.message or "")
                """.formatted(LuaTableLiteral.string(directory().resolve("health.lua").toString())));
        int newline = out.indexOf('\n');
        return new Health(out.substring(0, newline), out.substring(newline + 1));
    }

    public static Map<String, Action> discovery(JsonNode resource) {
        String out = Lua.run(prelude(resource) + """
                local actions = dofile(%s)
                local names = {}
                for name in pairs(actions) do table.insert(names, name) end
                table.sort(names)
                for _, name in ipairs(names) do io.write(name, " ", tostring(actions[name].disabled), "\\n") end
                """.formatted(LuaTableLiteral.string(directory().resolve("actions/discovery.lua").toString())));
        Map<String, Action> actions = new LinkedHashMap<>();
        out.lines().map(line -> line.split(" ")).forEach(parts -> actions.put(parts[0],
                new Action(Boolean.parseBoolean(parts[1]))));
        return actions;
    }

    /** The resource's annotations after the action, or "error: ..." as the only key when the action refused. */
    public static Map<String, String> action(String name, JsonNode resource) {
        String out = Lua.run(prelude(resource) + """
                local ok, result = pcall(dofile, %s)
                if not ok then io.write("error: ", tostring(result), "\\n") return end
                local annotations = result.metadata.annotations or {}
                local keys = {}
                for key in pairs(annotations) do table.insert(keys, key) end
                table.sort(keys)
                for _, key in ipairs(keys) do io.write(key, "=", annotations[key], "\\n") end
                """.formatted(LuaTableLiteral.string(
                directory().resolve("actions/" + name + "/action.lua").toString())));
        Map<String, String> annotations = new TreeMap<>();
        out.lines().forEach(line -> {
            List<String> parts = Arrays.asList(line.split("=", 2));
            annotations.put(parts.get(0), parts.size() > 1 ? parts.get(1) : "");
        });
        return annotations;
    }

    private static String prelude(JsonNode resource) {
        return "obj = " + LuaTableLiteral.of(resource) + "\n";
    }
}
