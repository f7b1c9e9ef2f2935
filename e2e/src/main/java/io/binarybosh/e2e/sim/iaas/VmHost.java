package io.binarybosh.e2e.sim.iaas;

import java.util.regex.Pattern;

/** What a VM is as a machine: its SSH host key, who may log in, and the processes that die with it. */
public interface VmHost {
    /** The host key in OpenSSH public key form. */
    String hostPublicKey();

    /** Lets the holder of that key log in (what `bosh ssh` setup does through the agent). */
    void authorize(String user, String publicKey);

    /** Removes every user matching the pattern (ssh cleanup). */
    void revoke(Pattern users);

    /** The machine is gone: everything running on it dies at once. */
    void destroy();
}
