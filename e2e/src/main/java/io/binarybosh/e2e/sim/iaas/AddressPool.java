package io.binarybosh.e2e.sim.iaas;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out addresses of one /24 inside 127.0.0.0/8. An address once given is never handed out again by
 * {@link #next()}, so a recreated VM can ask for its old address back (a static IP) without a clash.
 */
public final class AddressPool {
    private final String prefix;
    private final Set<String> given = new HashSet<>();
    private int nextHost = 2;

    public AddressPool(String network) {
        String base = network.contains("/") ? network.substring(0, network.indexOf('/')) : network;
        if (!base.startsWith("127.")) {
            throw new IllegalArgumentException("only 127.0.0.0/8 may be used: " + network);
        }
        this.prefix = base.substring(0, base.lastIndexOf('.') + 1);
    }

    public synchronized String next() {
        while (nextHost < 255) {
            String candidate = prefix + nextHost++;
            if (given.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("address pool " + prefix + "0/24 exhausted");
    }

    public synchronized String reserve(String address) {
        if (!address.startsWith("127.")) {
            throw new IllegalArgumentException("only 127.0.0.0/8 may be used: " + address);
        }
        given.add(address);
        return address;
    }
}
