package io.binarybosh.operator.director.model;

import java.util.List;

/** One element of {@code GET /deployments/:d/vms}: every VM of an instance, inactive ones included. */
public record Vm(String agentId, String cid, String job, Integer index, String id, String az, List<String> ips,
                 String vmCreatedAt, Boolean active, Boolean permanentNatsCredentials) {

    public Vm {
        ips = ips == null ? List.of() : List.copyOf(ips);
    }
}
