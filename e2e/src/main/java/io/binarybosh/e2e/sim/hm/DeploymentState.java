package io.binarybosh.e2e.sim.hm;

/** The resurrector's view of one deployment. */
public enum DeploymentState {
    NORMAL, MANAGED, MELTDOWN
}
