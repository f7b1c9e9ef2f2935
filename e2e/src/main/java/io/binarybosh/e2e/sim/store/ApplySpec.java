package io.binarybosh.e2e.sim.store;

import java.util.List;

/** What the director tells an agent to run: the instance's identity and its jobs. */
public record ApplySpec(String deployment, String job, int index, String id, String az, List<JobRef> jobs,
                        int persistentDiskMb, String vmType, String stemcellName, String stemcellVersion) {
    public ApplySpec {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    public boolean hasJob(String name) {
        return jobs.stream().anyMatch(j -> j.name().equals(name));
    }
}
