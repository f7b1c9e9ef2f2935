package io.binarybosh.e2e.sim.iaas;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A VM host with a host key and the agent's users, nothing else. Setup and cleanup keep the rules of the real
 * agent (bosh-agent platform/linux_platform.go): useradd fails for a user that exists, cleanup removes the
 * matching users with the ephemeral prefix.
 */
final class KeyOnlyHost implements VmHost {
    private final String hostPublicKey;
    private final Set<String> users = ConcurrentHashMap.newKeySet();

    KeyOnlyHost(String hostPublicKey) {
        this.hostPublicKey = hostPublicKey;
    }

    @Override
    public String hostPublicKey() {
        return hostPublicKey;
    }

    @Override
    public void authorize(String user, String publicKey) {
        if (!users.add(user)) {
            throw new IllegalStateException("Creating user: Shelling out to useradd: Running command: 'useradd -m -b "
                    + "/var/vcap/bosh_ssh -s /bin/bash " + user + "', stdout: '', stderr: 'useradd: user '" + user
                    + "' already exists\n'");
        }
    }

    @Override
    public void revoke(Pattern pattern) {
        users.removeIf(u -> u.startsWith("bosh_") && pattern.matcher(u).find());
    }

    @Override
    public void destroy() {
    }
}
