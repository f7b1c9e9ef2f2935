package io.binarybosh.e2e.sim.world;

/** How a client reaches one director of the world. */
public record DirectorEndpoint(String key, String name, String url, String address, int port, String auth,
                               String client, String clientSecret, String caCert, String deployment,
                               String deployedBy) {
}
