package io.binarybosh.operator.director;

import java.util.Objects;

/**
 * The identity the operator presents to a director: a UAA client and its secret, or a local user and its
 * password; which of the two the director expects is discovered from {@code GET /info}.
 */
public record DirectorCredentials(String client, String secret) {

    public DirectorCredentials {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never prints the secret: records print every component by default. */
    @Override
    public String toString() {
        return "DirectorCredentials[client=" + client + ", secret=<redacted>]";
    }
}
