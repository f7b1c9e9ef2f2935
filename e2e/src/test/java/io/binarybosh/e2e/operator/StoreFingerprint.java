package io.binarybosh.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binarybosh.e2e.sim.store.StoreLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data of a director's store that must survive any number of resurrections: its uuid, deployments (manifests,
 * releases, stemcells, instances with their disks and IPs), releases, stemcells, configs, and a SHA-256 of every
 * blob. Left out is what a resurrection rightly changes: tasks, locks, problems and the VM of each instance.
 */
final class StoreFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreFingerprint() {
    }

    static String of(Path store) {
        StoreLayout layout = new StoreLayout(store);
        try {
            ObjectNode tables = (ObjectNode) JSON.readTree(layout.database().toFile());
            tables.remove(List.of("tasks", "lastTaskId", "locks", "problems", "lastProblemId"));
            for (JsonNode deployment : tables.path("deployments")) {
                for (JsonNode instance : deployment.path("instances")) {
                    ((ObjectNode) instance).remove(List.of("vm", "spec"));
                }
            }
            return JSON.writeValueAsString(tables) + "\nblobs:" + blobs(layout.blobstore());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blobs(Path blobstore) throws IOException {
        if (!Files.isDirectory(blobstore)) {
            return "";
        }
        StringBuilder hashes = new StringBuilder();
        try (Stream<Path> files = Files.walk(blobstore)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                hashes.append(' ').append(blobstore.relativize(file)).append('=').append(sha256(file));
            }
        }
        return hashes.toString();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
