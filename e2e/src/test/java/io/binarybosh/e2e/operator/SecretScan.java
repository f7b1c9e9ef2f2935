package io.binarybosh.e2e.operator;

import io.binarybosh.e2e.sim.world.DirectorEndpoint;
import io.binarybosh.e2e.sim.world.World;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in text the operator wrote: the known values (client secrets, health monitor and UAA signing
 * secrets of the world's manifests, any value a test adds), as written and base64-encoded, and anything shaped
 * like a secret whatever its value: a PEM private key, a JWT, an Authorization header.
 */
final class SecretScan {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("(?i)\\b(bearer|basic) [A-Za-z0-9+/]{20,}"));

    private final Set<String> values = new LinkedHashSet<>();

    /** Every secret of the world's directors: what the operator is given, and what their manifests hold. */
    void add(World world) {
        for (DirectorEndpoint endpoint : world.endpoints().values()) {
            add(endpoint.clientSecret());
            add(endpoint.name() + "-hm-secret");
            add(endpoint.name() + "-uaa-jwt-signing-key");
            add(endpoint.client() + ":" + endpoint.clientSecret());
        }
    }

    void add(String secret) {
        values.add(secret);
        values.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each finding as {@code <where>: <what>}, naming the secret's shape but never printing a value. */
    List<String> findings(String where, String text) {
        List<String> findings = new ArrayList<>();
        int index = 0;
        for (String value : values) {
            index++;
            if (text.contains(value)) {
                findings.add(where + ": known secret #" + index + " (" + value.length() + " characters)");
            }
        }
        for (Pattern shape : SHAPES) {
            Matcher matcher = shape.matcher(text);
            if (matcher.find()) {
                findings.add(where + ": something shaped like " + shape.pattern() + " at offset "
                        + matcher.start());
            }
        }
        return findings;
    }
}
