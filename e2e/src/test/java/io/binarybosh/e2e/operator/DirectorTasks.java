package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.BoshHttp;
import io.binarybosh.e2e.sim.world.World;

import java.util.List;
import java.util.stream.StreamSupport;

/** The tasks a director of the world holds for a deployment, read through its API as an admin. */
record DirectorTasks(World world) {

    /** The tasks with this description, by anyone. */
    List<JsonNode> all(String director, String deployment, String description) {
        BoshHttp bosh = new BoshHttp(world.endpoint(director));
        bosh.login();
        JsonNode all = bosh.get("/tasks?verbose=2&deployment=" + deployment + "&limit=1000").json();
        return StreamSupport.stream(all.spliterator(), false)
                .filter(t -> description.equals(t.path("description").asText()))
                .toList();
    }

    /** The tasks with this description started by the admin user, which is who the operator is. */
    List<JsonNode> byAdmin(String director, String deployment, String description) {
        return all(director, deployment, description).stream()
                .filter(t -> "admin".equals(t.path("user").asText()))
                .toList();
    }
}
