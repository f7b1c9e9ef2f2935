package io.binarybosh.e2e.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An image in an OCI image layout (what bin/image writes), read as a container runtime reads it: index, manifest,
 * config, then the layers in order.
 *
 * @param layout   the layout's directory (holding {@code index.json})
 * @param tag      {@code org.opencontainers.image.ref.name} of the index's only manifest
 * @param config   the image configuration ({@code config} of the config blob)
 * @param diffIds  the config's {@code rootfs.diff_ids}
 * @param layers   the layer blobs, bottom first
 */
public record OciImage(Path layout, String tag, ImageConfig config, List<String> diffIds, List<Path> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static OciImage read(Path layout) {
        JsonNode index = json(layout.resolve("index.json"));
        if (index.path("manifests").size() != 1) {
            throw new IllegalStateException(layout + ": expected one manifest in index.json, found " + index);
        }
        JsonNode entry = index.path("manifests").get(0);
        JsonNode manifest = json(blob(layout, entry.path("digest").asText()));
        JsonNode config = json(blob(layout, manifest.path("config").path("digest").asText()));
        List<Path> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(blob(layout, layer.path("digest").asText())));
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(id -> diffIds.add(id.asText()));
        return new OciImage(layout, entry.path("annotations").path("org.opencontainers.image.ref.name").asText(),
                ImageConfig.of(config.path("config")), List.copyOf(diffIds), List.copyOf(layers));
    }

    /** Unpacks every layer into {@code rootfs}, bottom first, keeping modes and numeric owners. */
    public void unpackInto(Path rootfs) {
        for (Path layer : layers) {
            run(List.of("tar", "--numeric-owner", "-xzpf", layer.toString(), "-C", rootfs.toString()));
        }
        // Whiteouts would need applying as a runtime does; the image has none, so none must appear.
        try (Stream<Path> files = Files.walk(rootfs)) {
            List<Path> whiteouts = files.filter(path -> path.getFileName().toString().startsWith(".wh.")).toList();
            if (!whiteouts.isEmpty()) {
                throw new IllegalStateException("the image has whiteouts: " + whiteouts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path blob(Path layout, String digest) {
        if (!digest.startsWith("sha256:")) {
            throw new IllegalStateException("not a sha256 digest: " + digest);
        }
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
