package io.binarybosh.e2e.sim.store;

/** A row of `deployment_problems`; state is open, closed or resolved. */
public record ProblemRow(long id, String deployment, String type, String instanceId, String state,
                         String description) {
    public ProblemRow withState(String value) {
        return new ProblemRow(id, deployment, type, instanceId, value, description);
    }
}
