package io.binarybosh.operator.shell;

import io.binarybosh.operator.model.MicroDirectorSpec;
import io.binarybosh.operator.model.Reason;
import io.binarybosh.operator.model.SecretKeyRef;
import io.binarybosh.operator.model.SshSpec;
import io.binarybosh.operator.model.ConfigProblem;
import io.binarybosh.operator.observe.SecretLookup;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The Micro's ssh access from its spec and Secrets, or the precise reason it cannot be built. */
public final class MicroShellTarget {

    public static final String DEFAULT_PRIVATE_KEY_KEY = "ssh-privatekey";
    public static final String DEFAULT_HOST_KEY_KEY = "known_hosts";

    /** Either a target or a problem. */
    public record Resolution(SshTarget target, ConfigProblem problem) {
    }

    private MicroShellTarget() {
    }

    public static Resolution resolve(String namespace, MicroDirectorSpec micro, SecretLookup secrets) {
        SshSpec ssh = micro.getSsh();
        if (ssh == null) {
            return problem(Reason.FIELD_MISSING, "spec.bootstrap.micro.ssh is required");
        }
        Optional<String> privateKey = read(namespace, ssh.getPrivateKeySecretRef(), DEFAULT_PRIVATE_KEY_KEY, secrets);
        if (privateKey.isEmpty()) {
            return problem(Reason.SECRET_NOT_FOUND, "spec.bootstrap.micro.ssh.privateKeySecretRef: no non-empty key '"
                    + key(ssh.getPrivateKeySecretRef(), DEFAULT_PRIVATE_KEY_KEY) + "' in Secret '"
                    + ssh.getPrivateKeySecretRef().getName() + "'");
        }
        Optional<String> hostKey = read(namespace, ssh.getHostKeySecretRef(), DEFAULT_HOST_KEY_KEY, secrets);
        if (hostKey.isEmpty()) {
            return problem(Reason.SECRET_NOT_FOUND, "spec.bootstrap.micro.ssh.hostKeySecretRef: no non-empty key '"
                    + key(ssh.getHostKeySecretRef(), DEFAULT_HOST_KEY_KEY) + "' in Secret '"
                    + ssh.getHostKeySecretRef().getName() + "'");
        }
        return new Resolution(new SshTarget(ssh.getHost(), ssh.getPort() == null ? 22 : ssh.getPort(), ssh.getUser(),
                privateKey.get(), hostKey.get().trim()), null);
    }

    private static Optional<String> read(String namespace, SecretKeyRef ref, String defaultKey, SecretLookup secrets) {
        if (ref == null || ref.getName() == null) {
            return Optional.empty();
        }
        Optional<Secret> secret = secrets.find(namespace, ref.getName());
        String key = key(ref, defaultKey);
        return secret.flatMap(s -> {
            if (s.getData() != null && s.getData().get(key) != null) {
                return Optional.of(new String(Base64.getMimeDecoder().decode(s.getData().get(key)),
                        StandardCharsets.UTF_8));
            }
            return Optional.ofNullable(s.getStringData() == null ? null : s.getStringData().get(key));
        }).filter(v -> !v.isBlank());
    }

    private static String key(SecretKeyRef ref, String defaultKey) {
        return ref == null || ref.getKey() == null ? defaultKey : ref.getKey();
    }

    private static Resolution problem(Reason reason, String message) {
        return new Resolution(null, new ConfigProblem(reason, message));
    }
}
