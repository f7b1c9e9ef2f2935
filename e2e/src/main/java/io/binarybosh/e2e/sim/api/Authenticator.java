package io.binarybosh.e2e.sim.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: with the local provider, basic auth against the configured users; with UAA, a bearer
 * token from {@link TokenIssuer}. Client secrets for the token endpoint are checked here as well.
 */
public final class Authenticator {
    private final boolean uaa;
    private final Map<String, String> secrets;
    private final TokenIssuer tokens;

    public Authenticator(boolean uaa, Map<String, String> secrets, TokenIssuer tokens) {
        this.uaa = uaa;
        this.secrets = Map.copyOf(secrets);
        this.tokens = tokens;
    }

    public boolean isUaa() {
        return uaa;
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        if (uaa && scheme.equals("bearer")) {
            return tokens.verify(value);
        }
        if (!uaa && scheme.equals("basic")) {
            return basic(value);
        }
        return Optional.empty();
    }

    /** Checks `Authorization: Basic` client credentials, as UAA's token endpoint does. */
    public Optional<String> basicClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "basic ", 0, 6)) {
            return Optional.empty();
        }
        return basic(authorization.substring(6).trim());
    }

    private Optional<String> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String secret = secrets.get(user);
        if (secret != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(user);
        }
        return Optional.empty();
    }
}
