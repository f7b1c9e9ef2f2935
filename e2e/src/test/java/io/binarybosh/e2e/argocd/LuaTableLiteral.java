package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON as a Lua 5.1 table constructor, shaped as Argo CD hands a resource to its scripts: objects become tables
 * keyed by string, arrays tables indexed from 1, JSON null is left out.
 */
final class LuaTableLiteral {

    private LuaTableLiteral() {
    }

    static String of(JsonNode node) {
        StringBuilder lua = new StringBuilder();
        append(lua, node);
        return lua.toString();
    }

    private static void append(StringBuilder lua, JsonNode node) {
        if (node.isObject()) {
            lua.append('{');
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isNull()) {
                    lua.append('[').append(string(field.getKey())).append("]=");
                    append(lua, field.getValue());
                    lua.append(',');
                }
            }
            lua.append('}');
        } else if (node.isArray()) {
            lua.append('{');
            for (JsonNode element : node) {
                append(lua, element);
                lua.append(',');
            }
            lua.append('}');
        } else if (node.isTextual()) {
            lua.append(string(node.asText()));
        } else if (node.isNumber() || node.isBoolean()) {
            lua.append(node.asText());
        } else {
            lua.append("nil");
        }
    }

    /** A Lua string literal: printable ASCII as is, every other byte as a decimal escape. */
    static String string(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                literal.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                literal.append((char) c);
            } else {
                literal.append('\\').append(String.format("%03d", c));
            }
        }
        return literal.append('"').toString();
    }
}
