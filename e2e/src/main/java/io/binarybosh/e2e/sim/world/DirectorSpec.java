package io.binarybosh.e2e.sim.world;

import io.binarybosh.e2e.sim.director.DirectorConfig;

import java.util.Map;

/**
 * One director of a world description. `deployedBy` names the director that deploys it; none means it is
 * created by hand, as with `bosh create-env`. `hmIntervals` overrides `hm.intervals.*` (real seconds, e.g.
 * `agent_timeout: 90`), which the world's time scale then scales like every other interval. `version` is the
 * director version its `/info` reports (the bosh release it runs; default {@value DirectorConfig#DEFAULT_VERSION}).
 */
public record DirectorSpec(String name, String deployedBy, String deployment, String auth, String client,
                           String secret, Boolean resurrector, Boolean autoFixStatefulNodes, Integer minimumDownJobs,
                           Double percentThreshold, Double timeThreshold, Map<String, Double> hmIntervals,
                           String version, Boolean configServer) {

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
