package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A world description, read from YAML (see e2e/README.md). */
public record WorldSpec(String network, Integer port, Double timeScale, Map<String, DirectorSpec> directors,
                        List<Release> releases, List<Stemcell> stemcells, List<Deployment> deployments) {

    public record Release(String name, String version, List<String> jobs) {
    }

    public record Stemcell(String name, String os, String version) {
    }

    public record Deployment(String name, String director, String release, List<InstanceGroup> instanceGroups) {
    }

    public record InstanceGroup(String name, int instances, List<String> jobs, Integer persistentDisk) {
    }

    public WorldSpec {
        directors = directors == null ? Map.of() : new LinkedHashMap<>(directors);
        releases = releases == null ? List.of() : List.copyOf(releases);
        stemcells = stemcells == null ? List.of() : List.copyOf(stemcells);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }

    public static WorldSpec read(Path yaml) {
        try {
            return Json.YAML.readValue(yaml.toFile(), WorldSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorldSpec parse(String yaml) {
        try {
            return Json.YAML.readValue(yaml, WorldSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WorldSpec withNetwork(String value) {
        return new WorldSpec(value, port, timeScale, directors, releases, stemcells, deployments);
    }

    public WorldSpec withTimeScale(double value) {
        return new WorldSpec(network, port, value, directors, releases, stemcells, deployments);
    }

    public int portOrDefault() {
        return port == null ? 25555 : port;
    }
}
