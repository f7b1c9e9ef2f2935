package io.binarybosh.operator.observe;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads one key of a Secret, from data (base64) or, as an API server would have merged it, stringData. */
final class SecretValues {

    private SecretValues() {
    }

    static Optional<String> read(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            String encoded = secret.getData().get(key);
            if (encoded == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        if (secret.getStringData() != null) {
            return Optional.ofNullable(secret.getStringData().get(key));
        }
        return Optional.empty();
    }
}
