package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;

/**
 * Renders the deployment manifest of a director VM, in the shape of bosh-deployment's `bosh.yml`: the
 * director, NATS, postgres, blobstore and health monitor jobs, with their credentials as literal values.
 */
public final class DirectorManifest {
    private final String caPem;

    public DirectorManifest(String caPem) {
        this.caPem = caPem;
    }

    public Map<String, Object> properties(DirectorSpec spec, String address, int port, HeldCertificate cert) {
        String secret = spec.secret() == null ? spec.name() + "-admin-secret" : spec.secret();
        String hmSecret = spec.name() + "-hm-secret";
        Map<String, Object> director = new LinkedHashMap<>();
        director.put("name", spec.name());
        director.put("address", address);
        director.put("port", port);
        director.put("workers", 3);
        if (spec.version() != null) {
            // the simulator's stand-in for the version of the bosh release the director runs
            director.put("simulated_version", spec.version());
        }
        director.put("auto_fix_stateful_nodes", spec.autoFixStatefulNodes() == null || spec.autoFixStatefulNodes());
        director.put("ssl", Map.of("cert", cert.certificatePem(), "key", cert.privateKeyPkcs8Pem(), "ca", caPem));
        Map<String, Object> hmAccount = new LinkedHashMap<>();
        Map<String, Object> props = new LinkedHashMap<>();
        if (spec.uaa()) {
            director.put("user_management", Map.of("provider", "uaa"));
            props.put("uaa", Map.of(
                    "clients", Map.of(spec.clientOrDefault(), Map.of("secret", secret), "hm", Map.of("secret", hmSecret)),
                    "jwt", Map.of("signing_key", spec.name() + "-uaa-jwt-signing-key")));
            hmAccount.put("client_id", "hm");
            hmAccount.put("client_secret", hmSecret);
        } else {
            director.put("user_management", Map.of("provider", "local", "local", Map.of("users", List.of(
                    Map.of("name", spec.clientOrDefault(), "password", secret),
                    Map.of("name", "hm", "password", hmSecret)))));
            hmAccount.put("user", "hm");
            hmAccount.put("password", hmSecret);
        }
        hmAccount.put("ca_cert", caPem);
        Map<String, Object> resurrector = new LinkedHashMap<>();
        resurrector.put("minimum_down_jobs", spec.minimumDownJobs() == null ? 5 : spec.minimumDownJobs());
        resurrector.put("percent_threshold", spec.percentThreshold() == null ? 0.2 : spec.percentThreshold());
        resurrector.put("time_threshold", spec.timeThreshold() == null ? 600 : spec.timeThreshold());
        Map<String, Object> hm = new LinkedHashMap<>();
        hm.put("resurrector_enabled", spec.resurrector() == null || spec.resurrector());
        hm.put("resurrector", resurrector);
        hm.put("director_account", hmAccount);
        if (spec.hmIntervals() != null && !spec.hmIntervals().isEmpty()) {
            hm.put("intervals", new LinkedHashMap<>(spec.hmIntervals()));
        }
        if (spec.hasConfigServer()) {
            // bosh-deployment credhub.yml: director.config_server.{enabled,url}, CredHub on 8844
            director.put("config_server", Map.of("enabled", true, "url", "https://" + address + ":8844/api/"));
        }
        if (spec.defaultSshOptions() != null) {
            director.put("default_ssh_options", new LinkedHashMap<>(spec.defaultSshOptions()));
        }
        props.put("director", director);
        props.put("hm", hm);
        props.put("nats", Map.of("tls", Map.of("ca", "nats-ca-" + address)));
        return props;
    }

    public String manifest(DirectorSpec spec, String address, Map<String, Object> properties, String stemcellOs) {
        return manifest(spec, address, properties, stemcellOs, false);
    }

    /**
     * @param variables the deploying director has a config server: the manifest references a variable, as
     *                  bosh-deployment's do (`((blobstore_director_password))`), which that director versions
     */
    public String manifest(DirectorSpec spec, String address, Map<String, Object> properties, String stemcellOs,
                           boolean variables) {
        if (variables) {
            properties = new LinkedHashMap<>(properties);
            properties.put("blobstore", Map.of("director", Map.of("user", "director",
                    "password", "((blobstore_director_password))")));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.deployment());
        m.put("releases", List.of(Map.of("name", "bosh", "version", "latest")));
        m.put("stemcells", List.of(Map.of("alias", "default", "os", stemcellOs, "version", "latest")));
        m.put("update", Map.of("canaries", 1, "max_in_flight", 1, "canary_watch_time", "1000-60000", "update_watch_time", "1000-60000"));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", "bosh");
        group.put("instances", 1);
        group.put("azs", List.of("z1"));
        group.put("vm_type", "default");
        group.put("stemcell", "default");
        group.put("persistent_disk", spec.persistentDiskOrDefault());
        group.put("networks", List.of(Map.of("name", "default", "static_ips", List.of(address))));
        group.put("jobs", spec.jobs().stream()
                .map(j -> Map.of("name", j, "release", "bosh")).toList());
        group.put("properties", properties);
        m.put("instance_groups", List.of(group));
        try {
            return Json.YAML.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String workload(WorldSpec.Deployment d, String release, String stemcellOs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("releases", List.of(Map.of("name", release, "version", "latest")));
        m.put("stemcells", List.of(Map.of("alias", "default", "os", stemcellOs, "version", "latest")));
        m.put("update", Map.of("canaries", 1, "max_in_flight", 1, "canary_watch_time", "1000-60000", "update_watch_time", "1000-60000"));
        m.put("instance_groups", d.instanceGroups().stream().map(ig -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", ig.name());
            g.put("instances", ig.instances());
            g.put("azs", List.of("z1"));
            g.put("vm_type", "default");
            g.put("stemcell", "default");
            if (ig.persistentDisk() != null && ig.persistentDisk() > 0) {
                g.put("persistent_disk", ig.persistentDisk());
            }
            g.put("networks", List.of(Map.of("name", "default")));
            g.put("jobs", (ig.jobs() == null ? List.of(ig.name()) : ig.jobs()).stream()
                    .map(j -> Map.of("name", j, "release", release)).toList());
            return g;
        }).toList());
        try {
            return Json.YAML.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
