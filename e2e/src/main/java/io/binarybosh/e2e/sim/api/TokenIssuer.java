package io.binarybosh.e2e.sim.api;

import io.binarybosh.e2e.sim.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The UAA of a simulated director: issues HS256 JWTs for client credentials and validates them as the
 * director does (signature, expiry, no refresh token, a bosh admin or read scope).
 */
public final class TokenIssuer {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;
    private final String issuer;
    private final long validitySeconds;
    private final Clock clock;

    public TokenIssuer(String signingKey, String issuer, long validitySeconds, Clock clock) {
        this.key = signingKey.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.validitySeconds = validitySeconds;
        this.clock = clock;
    }

    public long validitySeconds() {
        return validitySeconds;
    }

    public String issue(String clientId) {
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = Json.object();
        payload.put("jti", UUID.randomUUID().toString().replace("-", ""));
        payload.put("sub", clientId);
        payload.putArray("authorities").add("bosh.admin");
        payload.putArray("scope").add("bosh.admin");
        payload.put("client_id", clientId);
        payload.put("cid", clientId);
        payload.put("azp", clientId);
        payload.put("grant_type", "client_credentials");
        payload.put("iat", now);
        payload.put("exp", now + validitySeconds);
        payload.put("iss", issuer);
        payload.put("zid", "uaa");
        payload.putArray("aud").add(clientId).add("bosh");
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + sign(header + "." + body);
    }

    /** The client name of a valid admin token. */
    public Optional<String> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = Json.read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (payload.path("exp").asLong() <= clock.instant().getEpochSecond()
                || payload.path("jti").asText().endsWith("-r")) {
            return Optional.empty();
        }
        boolean admin = false;
        for (JsonNode scope : payload.path("scope")) {
            admin |= scope.asText().equals("bosh.admin") || scope.asText().equals("bosh.read");
        }
        return admin ? Optional.of(payload.path("client_id").asText()) : Optional.empty();
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
