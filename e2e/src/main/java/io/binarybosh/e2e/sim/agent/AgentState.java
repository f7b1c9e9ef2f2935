package io.binarybosh.e2e.sim.agent;

import java.util.List;

/** The answer to `get_state`. */
public record AgentState(String agentId, String jobState, List<ProcessState> processes) {
}
