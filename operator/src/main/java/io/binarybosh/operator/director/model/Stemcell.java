package io.binarybosh.operator.director.model;

import java.util.List;

/** One element of {@code GET /stemcells}. */
public record Stemcell(String name, String operatingSystem, String version, String cid, String cpi,
                       List<DeploymentName> deployments, Integer apiVersion, String id) {

    public Stemcell {
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }

    public record DeploymentName(String name) {
    }
}
