package io.binarybosh.e2e.sim.agent;

/**
 * Settings baked into a VM when it is created: the NATS address and CA of the director that created it.
 * A create-env VM has no NATS (`mbusAddress` null): its agent talks to no director.
 */
public record AgentSettings(String agentId, String mbusAddress, String natsCaId) {
}
