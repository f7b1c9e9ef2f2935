package io.binarybosh.e2e.sim.agent;

/** The payload of `hm.agent.heartbeat.<agent_id>`. */
public record Heartbeat(String agentId, String deployment, String job, Integer index, String jobState,
                        String nodeId, int numberOfProcesses) {
}
