package io.binarybosh.e2e.sim.store;

import java.util.List;

/** The active VM of an instance as the director's database knows it. */
public record VmRef(String cid, String agentId, String createdAt, List<String> ips) {
    public VmRef {
        ips = ips == null ? List.of() : List.copyOf(ips);
    }
}
