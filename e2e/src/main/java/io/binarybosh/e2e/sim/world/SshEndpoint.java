package io.binarybosh.e2e.sim.world;

import java.nio.file.Path;

/**
 * How to log into a simulated VM: `ssh -i privateKey -p port user@host`, the host key to pin, and the VM's
 * folder on this machine (a login starts there; its {@code var/vcap/store} is the persistent disk).
 */
public record SshEndpoint(String host, int port, String user, Path privateKey, String hostKey, Path home) {
}
