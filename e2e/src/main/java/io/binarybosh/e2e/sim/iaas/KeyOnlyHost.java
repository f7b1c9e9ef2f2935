package io.binarybosh.e2e.sim.iaas;

import java.util.regex.Pattern;

/** A VM host with a host key and nothing else: authorized users live only in the agent's memory. */
record KeyOnlyHost(String hostPublicKey) implements VmHost {
    @Override
    public void authorize(String user, String publicKey) {
    }

    @Override
    public void revoke(Pattern users) {
    }

    @Override
    public void destroy() {
    }
}
