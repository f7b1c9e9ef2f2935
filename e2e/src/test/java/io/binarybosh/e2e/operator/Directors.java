package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.world.World;

import java.util.List;
import java.util.stream.StreamSupport;

/** The world's directors asked through their API as an admin, as a person with the bosh CLI would. */
record Directors(World world) {

    /** The tasks with this description, by anyone. */
    List<JsonNode> tasks(String director, String deployment, String description) {
        BoshHttp bosh = new BoshHttp(world.endpoint(director));
        bosh.login();
        JsonNode all = bosh.get("/tasks?verbose=2&deployment=" + deployment + "&limit=1000").json();
        return StreamSupport.stream(all.spliterator(), false)
                .filter(t -> description.equals(t.path("description").asText()))
                .toList();
    }

    /** The tasks with this description started by the admin user, which is who the operator is. */
    List<JsonNode> tasksByAdmin(String director, String deployment, String description) {
        return tasks(director, deployment, description).stream()
                .filter(t -> "admin".equals(t.path("user").asText()))
                .toList();
    }

    /** A resurrection config rule: the director's health monitor keeps watching but never resurrects the deployment. */
    void silenceResurrectionOf(String director, String deployment) {
        BoshHttp bosh = new BoshHttp(world.endpoint(director));
        bosh.login();
        String content = "rules:\n- enabled: false\n  include:\n    deployments: [" + deployment + "]\n";
        BoshHttp.Reply reply = bosh.send("POST", "/configs", "application/json",
                "{\"name\":\"silence\",\"type\":\"resurrection\",\"content\":" + TextNode.valueOf(content)
                        + "}");
        if (reply.code() != 201) {
            throw new IllegalStateException("the resurrection config was refused: " + reply.code() + " " + reply.body());
        }
    }
}
