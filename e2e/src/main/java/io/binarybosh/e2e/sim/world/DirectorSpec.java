package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.director.DirectorConfig;

import java.util.Map;

/**
 * One director of a world description. `deployedBy` names the director that deploys it; none means it is
 * created by hand, as with `bosh create-env`. `hmIntervals` overrides `hm.intervals.*` (real seconds, e.g.
 * `agent_timeout: 90`), which the world's time scale then scales like every other interval. `version` is the
 * director version its `/info` reports (the bosh release it runs; default {@value DirectorConfig#DEFAULT_VERSION}).
 * `postgresJob` is the bosh release's postgres job on its VM: `postgres` (postgres-15, the default) or `postgres-13`
 * (bosh jobs/postgres-13: data in /var/vcap/store/postgres-13). `defaultSshOptions` becomes
 * `director.default_ssh_options.*` (`gateway_host`, `gateway_user`): the gateway its ssh results name.
 * `persistentDisk` is its instance group's `persistent_disk` in MB (bosh-deployment's default 65536 otherwise).
 */
public record DirectorSpec(String name, String deployedBy, String deployment, String auth, String client,
                           String secret, Boolean resurrector, Boolean autoFixStatefulNodes, Integer minimumDownJobs,
                           Double percentThreshold, Double timeThreshold, Map<String, Double> hmIntervals,
                           String version, Boolean configServer, String postgresJob,
                           Map<String, String> defaultSshOptions, Integer persistentDisk) {

    /** The bosh release's postgres jobs (bosh jobs/postgres, jobs/postgres-13). */
    public static final java.util.List<String> POSTGRES_JOBS = java.util.List.of("postgres", "postgres-13");

    public DirectorSpec {
        if (postgresJob != null && !POSTGRES_JOBS.contains(postgresJob)) {
            throw new IllegalArgumentException("postgresJob must be one of " + POSTGRES_JOBS + ": " + postgresJob);
        }
    }

    public int persistentDiskOrDefault() {
        return persistentDisk == null ? 65536 : persistentDisk;
    }

    /** The jobs of its VM, as bosh-deployment's bosh.yml lists them. */
    public java.util.List<String> jobs() {
        return java.util.List.of("nats", postgresJob == null ? "postgres" : postgresJob, "blobstore", "director",
                "health_monitor");
    }

    /** A config server (CredHub, bosh-deployment credhub.yml) resolves this director's `((variables))`. */
    public boolean hasConfigServer() {
        return Boolean.TRUE.equals(configServer);
    }

    public boolean uaa() {
        return !"basic".equals(auth);
    }

    public String clientOrDefault() {
        return client == null ? "admin" : client;
    }
}
