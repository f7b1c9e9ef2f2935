package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A world description, read from YAML (see e2e/README.md). */
public record WorldSpec(String network, Integer port, Double timeScale, String mode, Integer sshPort, String monit,
                        Map<String, DirectorSpec> directors, List<Release> releases, List<Stemcell> stemcells,
                        List<Deployment> deployments, Boolean sizedDisks) {
    /** Directors run inside the world's JVM (default). */
    public static final String IN_JVM = "in-jvm";
    /** Director VMs run real monit, sshd and a director OS process each (see e2e/README.md). */
    public static final String PROCESS = "process";


    public record Release(String name, String version, List<String> jobs) {
    }

    public record Stemcell(String name, String os, String version) {
    }

    public record Deployment(String name, String director, String release, List<InstanceGroup> instanceGroups) {
    }

    public record InstanceGroup(String name, int instances, List<String> jobs, Integer persistentDisk) {
    }

    public WorldSpec {
        if (mode != null && !mode.equals(IN_JVM) && !mode.equals(PROCESS)) {
            throw new IllegalArgumentException("mode must be " + IN_JVM + " or " + PROCESS + ", not " + mode);
        }
        io.binarybosh.e2e.sim.process.MonitFormat.parse(monit);
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
        return new WorldSpec(value, port, timeScale, mode, sshPort, monit, directors, releases, stemcells, deployments, sizedDisks);
    }

    public WorldSpec withTimeScale(double value) {
        return new WorldSpec(network, port, value, mode, sshPort, monit, directors, releases, stemcells, deployments, sizedDisks);
    }

    public WorldSpec withMode(String value) {
        return new WorldSpec(network, port, timeScale, value, sshPort, monit, directors, releases, stemcells, deployments, sizedDisks);
    }

    public WorldSpec withSshPort(int value) {
        return new WorldSpec(network, port, timeScale, mode, value, monit, directors, releases, stemcells, deployments, sizedDisks);
    }

    /** In process mode: the monit the VMs show, {@code 5.2.5} (what stemcells ship, the default) or {@code current}. */
    public WorldSpec withMonit(String value) {
        return new WorldSpec(network, port, timeScale, mode, sshPort, value, directors, releases, stemcells, deployments, sizedDisks);
    }

    /**
     * In process mode: every persistent disk is a file system of its own of the size the manifest gives (a tmpfs
     * of that size mounted on the disk's folder), so that {@code df} on a VM's store reports the disk's size and
     * free space as on a real persistent disk; otherwise disks are folders on the machine's file system.
     */
    public boolean sizedDisksOrDefault() {
        return Boolean.TRUE.equals(sizedDisks);
    }

    public boolean processMode() {
        return PROCESS.equals(mode);
    }

    /** sshd port on every VM address in process mode. */
    public int sshPortOrDefault() {
        return sshPort == null ? 2222 : sshPort;
    }

    public int portOrDefault() {
        return port == null ? 25555 : port;
    }
}
