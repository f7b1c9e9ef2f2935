package io.binarybosh.e2e.sim.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The NATS of one running director: agents connect to it, publish heartbeats on it and answer the
 * director's requests through it. It accepts only agents whose settings carry its CA.
 */
public final class Nats {
    private final String address;
    private final String caId;
    private final ConcurrentMap<String, Agent> agents = new ConcurrentHashMap<>();
    private final List<Consumer<Heartbeat>> heartbeatListeners = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    public Nats(String address, String caId) {
        this.address = address;
        this.caId = caId;
    }

    public String address() {
        return address;
    }

    public boolean isOpen() {
        return open;
    }

    boolean accepts(AgentSettings settings) {
        return open && address.equals(settings.mbusAddress()) && caId.equals(settings.natsCaId());
    }

    void connect(Agent agent) {
        if (open) {
            agents.put(agent.agentId(), agent);
        }
    }

    void disconnect(Agent agent) {
        agents.remove(agent.agentId(), agent);
    }

    void publish(Heartbeat heartbeat) {
        if (open) {
            heartbeatListeners.forEach(l -> l.accept(heartbeat));
        }
    }

    public void onHeartbeat(Consumer<Heartbeat> listener) {
        heartbeatListeners.add(listener);
    }

    /**
     * Sends a request to an agent and waits for the answer. An agent that is gone or bound elsewhere
     * never answers, so the caller waits the whole timeout, as over real NATS.
     */
    public <T> Optional<T> request(String agentId, Function<Agent, T> action, Duration timeout) {
        Agent agent = agentId == null ? null : agents.get(agentId);
        if (open && agent != null && agent.answersOn(this)) {
            return Optional.ofNullable(action.apply(agent));
        }
        // An agent that does not answer costs the caller the whole timeout, as a NATS request without a reply does.
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    public boolean isConnected(String agentId) {
        Agent agent = agentId == null ? null : agents.get(agentId);
        return open && agent != null && agent.answersOn(this);
    }

    public void close() {
        open = false;
        agents.clear();
        heartbeatListeners.clear();
    }
}
