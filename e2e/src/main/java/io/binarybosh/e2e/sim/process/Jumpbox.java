package io.binarybosh.e2e.sim.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The `jumpbox` key of the world, as bosh-deployment's jumpbox-user.yml gives every director VM: create-env
 * directors (Micro) have no other way in. Its private key is written out for people and tests.
 */
public record Jumpbox(Path privateKey, String publicKey) {
    static Jumpbox create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("jumpbox");
            if (!Files.exists(key)) {
                Command.check(Duration.ofSeconds(20), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jumpbox",
                        "-f", key.toString());
            }
            return new Jumpbox(key, Files.readString(dir.resolve("jumpbox.pub")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
