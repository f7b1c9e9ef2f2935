package io.binarybosh.e2e.sim.director;

import com.fasterxml.jackson.databind.JsonNode;
import io.binarybosh.e2e.sim.store.DirectorDb;
import io.binarybosh.e2e.sim.store.ReleaseRow;
import io.binarybosh.e2e.sim.store.StemcellRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Release and stemcell uploads: rows in the database and blobs in the blobstore. */
final class Uploads {
    private final DirectorDb db;

    Uploads(DirectorDb db) {
        this.db = db;
    }

    String release(TaskContext ctx, JsonNode a) {
        String name = a.path("name").asText();
        String version = a.path("version").asText();
        List<String> jobNames = new ArrayList<>();
        a.path("jobs").forEach(j -> jobNames.add(j.asText()));
        ctx.track("Creating new jobs", List.of(), 1, 1, name + "/" + version, ctx::step);
        String blob = writeBlob(name + "/" + version);
        db.write(t -> {
            t.releases.removeIf(r -> r.name().equals(name) && r.version().equals(version));
            t.releases.add(new ReleaseRow(name, version, Integer.toHexString((name + version).hashCode()), jobNames, blob));
        });
        return "Created release '" + name + "/" + version + "'";
    }

    String stemcell(TaskContext ctx, JsonNode a) {
        String name = a.path("name").asText();
        String version = a.path("version").asText();
        String os = a.path("os").asText();
        ctx.track("Update stemcell", List.of(), 1, 1, "Uploading stemcell " + name + "/" + version + " to the cloud", ctx::step);
        writeBlob(name + "/" + version);
        db.write(t -> {
            t.stemcells.removeIf(s -> s.name().equals(name) && s.version().equals(version));
            t.stemcells.add(new StemcellRow(++t.lastStemcellId, name, os, version, "stemcell-" + UUID.randomUUID(), 3));
        });
        return "/stemcells/" + name + "/" + version;
    }

    private String writeBlob(String content) {
        String id = UUID.randomUUID().toString();
        try {
            Files.writeString(db.layout().blobstore().resolve(id), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
