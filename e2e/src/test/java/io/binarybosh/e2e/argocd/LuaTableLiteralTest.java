package io.binarybosh.e2e.argocd;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LuaTableLiteralTest {

    @Test
    void convertsObjectsArraysScalarsAndLeavesNullOut() throws Exception {
        String lua = LuaTableLiteral.of(new ObjectMapper().readTree(
                "{\"a\":[1,2.5,true],\"b\":{\"c\":\"x\"},\"d\":null}"));

        assertThat(lua).isEqualTo("{[\"a\"]={1,2.5,true,},[\"b\"]={[\"c\"]=\"x\",},}");
    }

    @Test
    void everyStringSurvivesTheRoundTripThroughLua() throws Exception {
        assumeTrue(Lua.available(), "no /usr/bin/lua5.1 (bin/test installs the lua5.1 package)");
        String tricky = "quote \" backslash \\ newline \n tab \t nul \0 é ✓ ]] [[";
        String json = new ObjectMapper().writeValueAsString(Map.of("s", tricky));

        String printed = Lua.run("local t = " + LuaTableLiteral.of(new ObjectMapper().readTree(json))
                + "\nio.write(t.s)");

        assertThat(printed).isEqualTo(tricky);
    }
}
