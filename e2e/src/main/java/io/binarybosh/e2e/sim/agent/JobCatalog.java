package io.binarybosh.e2e.sim.agent;

import io.binarybosh.e2e.sim.iaas.Vm;
import io.binarybosh.e2e.sim.store.ApplySpec;

/** Starts the processes of an instance's jobs on a VM: what the job templates are on a real stemcell. */
@FunctionalInterface
public interface JobCatalog {
    JobProcess start(Vm vm, ApplySpec spec);
}
