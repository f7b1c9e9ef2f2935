package io.binarybosh.e2e.sim.world;

/**
 * One director of a world description. `deployedBy` names the director that deploys it; none means it is
 * created by hand, as with `bosh create-env`.
 */
public record DirectorSpec(String name, String deployedBy, String deployment, String auth, String client,
                           String secret, Boolean resurrector, Boolean autoFixStatefulNodes, Integer minimumDownJobs,
                           Double percentThreshold, Double timeThreshold) {

    public boolean uaa() {
        return !"basic".equals(auth);
    }

    public String clientOrDefault() {
        return client == null ? "admin" : client;
    }
}
