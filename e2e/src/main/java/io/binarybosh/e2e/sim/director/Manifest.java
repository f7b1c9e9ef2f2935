package io.binarybosh.e2e.sim.director;

import io.binarybosh.e2e.sim.Json;
import io.binarybosh.e2e.sim.api.DirectorError;
import io.binarybosh.e2e.sim.store.JobRef;
import io.binarybosh.e2e.sim.store.NameVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of a deployment manifest the simulated director acts on. */
public record Manifest(String name, List<NameVersion> releases, List<Stemcell> stemcells, List<InstanceGroup> instanceGroups,
                       String text) {

    public record Stemcell(String alias, String os, String name, String version) {
    }

    public record InstanceGroup(String name, int instances, List<String> azs, List<JobRef> jobs, int persistentDiskMb,
                                String vmType, String stemcell, List<String> staticIps, String lifecycle) {
    }

    @SuppressWarnings("unchecked")
    public static Manifest parse(String yaml) {
        Map<String, Object> root;
        try {
            root = Json.YAML.readValue(yaml, Map.class);
        } catch (Exception e) {
            throw DirectorError.badManifest("Incorrect YAML structure of the uploaded manifest: " + e.getMessage());
        }
        if (root == null) {
            throw DirectorError.badManifest("Manifest should not be empty");
        }
        Object name = root.get("name");
        if (name == null) {
            throw DirectorError.missingField("Required property 'name' was not specified in object (" + root + ")");
        }
        List<NameVersion> releases = new ArrayList<>();
        for (Map<String, Object> r : list(root.get("releases"))) {
            releases.add(new NameVersion(String.valueOf(r.get("name")), String.valueOf(r.getOrDefault("version", "latest"))));
        }
        List<Stemcell> stemcells = new ArrayList<>();
        for (Map<String, Object> s : list(root.get("stemcells"))) {
            stemcells.add(new Stemcell(str(s.get("alias")), str(s.get("os")), str(s.get("name")),
                    String.valueOf(s.getOrDefault("version", "latest"))));
        }
        Map<String, Object> global = root.get("properties") instanceof Map ? (Map<String, Object>) root.get("properties") : Map.of();
        List<InstanceGroup> groups = new ArrayList<>();
        for (Map<String, Object> ig : list(root.get("instance_groups"))) {
            // bosh dir/deployment_plan/instance_group_spec_parser.rb: global properties recursive_merge'd with the
            // group's; a job with its own `properties` key gets only that hash
            Map<String, Object> igProps = ig.get("properties") instanceof Map
                    ? Props.merge(global, (Map<String, Object>) ig.get("properties")) : global;
            List<JobRef> jobs = new ArrayList<>();
            for (Map<String, Object> j : list(ig.get("jobs"))) {
                Map<String, Object> props = j.get("properties") instanceof Map ? (Map<String, Object>) j.get("properties") : igProps;
                jobs.add(new JobRef(String.valueOf(j.get("name")), str(j.get("release")), props));
            }
            List<String> staticIps = new ArrayList<>();
            for (Map<String, Object> n : list(ig.get("networks"))) {
                if (n.get("static_ips") instanceof List<?> ips) {
                    ips.forEach(ip -> staticIps.add(String.valueOf(ip)));
                }
            }
            int disk = ig.get("persistent_disk") != null ? Integer.parseInt(String.valueOf(ig.get("persistent_disk")))
                    : ig.get("persistent_disk_type") != null ? 10240 : 0;
            List<String> azs = ig.get("azs") instanceof List<?> a ? a.stream().map(String::valueOf).toList() : List.of("z1");
            groups.add(new InstanceGroup(String.valueOf(ig.get("name")),
                    Integer.parseInt(String.valueOf(ig.getOrDefault("instances", 0))), azs, jobs, disk,
                    String.valueOf(ig.getOrDefault("vm_type", "default")), str(ig.get("stemcell")), staticIps,
                    String.valueOf(ig.getOrDefault("lifecycle", "service"))));
        }
        return new Manifest(String.valueOf(name), releases, stemcells, groups, yaml);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
