package io.binarybosh.operator.director.model;

/** The {@code exclude_*} flags of {@code GET /deployments}; each true flag is sent as {@code =true}. */
public record DeploymentsQuery(boolean excludeConfigs, boolean excludeReleases, boolean excludeStemcells,
                               boolean excludeLock) {

    /** Everything the director knows about each deployment. */
    public static DeploymentsQuery full() {
        return new DeploymentsQuery(false, false, false, false);
    }

    /** Names, teams and the {@code locked} flag only: what the health monitor asks for. */
    public static DeploymentsQuery namesAndLocks() {
        return new DeploymentsQuery(true, true, true, false);
    }
}
