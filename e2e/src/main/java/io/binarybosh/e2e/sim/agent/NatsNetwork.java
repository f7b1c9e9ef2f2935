package io.binarybosh.e2e.sim.agent;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Which director's NATS listens on which address: what an agent reaches when it dials its mbus URL. */
public final class NatsNetwork {
    private final ConcurrentMap<String, Nats> byAddress = new ConcurrentHashMap<>();

    public void listen(Nats nats) {
        byAddress.put(nats.address(), nats);
    }

    public void stopListening(Nats nats) {
        byAddress.remove(nats.address(), nats);
    }

    public Optional<Nats> dial(String address) {
        return Optional.ofNullable(address == null ? null : byAddress.get(address)).filter(Nats::isOpen);
    }
}
