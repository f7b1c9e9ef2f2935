package io.binarybosh.operator.director.model;

/** Query flags of {@code POST /deployments}; each true flag is sent as {@code =true}. */
public record DeployOptions(boolean dryRun, boolean fix, boolean recreate) {

    public static DeployOptions defaults() {
        return new DeployOptions(false, false, false);
    }
}
