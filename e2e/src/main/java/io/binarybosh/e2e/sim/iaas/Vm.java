package io.binarybosh.e2e.sim.iaas;

import io.binarybosh.e2e.sim.agent.Agent;
import java.nio.file.Path;
import java.time.Instant;

/** A VM of the simulated IaaS. */
public final class Vm {
    private final String cid;
    private final String address;
    private final String diskCid;
    private final Path diskPath;
    private final VmHost host;
    private final Instant createdAt;
    private volatile Agent agent;

    Vm(String cid, String address, String diskCid, Path diskPath, VmHost host, Instant createdAt) {
        this.cid = cid;
        this.address = address;
        this.diskCid = diskCid;
        this.diskPath = diskPath;
        this.host = host;
        this.createdAt = createdAt;
    }

    public String cid() { return cid; }

    public String address() { return address; }

    /** The persistent disk attached at creation, or null. */
    public String diskCid() { return diskCid; }

    /** Where the persistent disk is mounted (`/var/vcap/store`), or null without a disk. */
    public Path diskPath() { return diskPath; }

    public String hostPublicKey() { return host.hostPublicKey(); }

    /** The machine: its sshd and processes in process mode. */
    public VmHost host() { return host; }

    public Instant createdAt() { return createdAt; }

    public Agent agent() { return agent; }

    void attachAgent(Agent value) {
        this.agent = value;
    }
}
