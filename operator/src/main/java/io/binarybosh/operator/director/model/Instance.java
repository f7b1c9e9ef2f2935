package io.binarybosh.operator.director.model;

import java.util.List;

/**
 * One element of {@code GET /deployments/:d/instances} (read from the director's database, no agent contact).
 * {@code agentId}, {@code cid} and {@code vmCreatedAt} are null when the instance has no active VM.
 */
public record Instance(String agentId, String cid, String job, Integer index, String id, String az,
                       List<String> ips, String vmCreatedAt, Boolean expectsVm) {

    public Instance {
        ips = ips == null ? List.of() : List.copyOf(ips);
    }

    public boolean hasVm() {
        return cid != null;
    }
}
