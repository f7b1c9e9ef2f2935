package io.binarybosh.e2e.demo;

import io.binarybosh.e2e.sim.world.World;
import io.binarybosh.e2e.sim.world.WorldSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** The demo's world: worlds/demo.yml in process mode, on a network of its own so that it never meets another world. */
final class DemoWorld {

    private DemoWorld() {
    }

    static World start(double timeScale, Path dir) {
        return World.start(spec().withTimeScale(timeScale).withNetwork(freeNetwork()), dir);
    }

    static WorldSpec spec() {
        try (InputStream in = DemoWorld.class.getResourceAsStream("/worlds/demo.yml")) {
            return WorldSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A /24 inside 127/8 away from the 127.0.x networks of the bundled worlds and of anything else on loopback. */
    private static String freeNetwork() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(10, 250) + "." + random.nextInt(0, 255) + ".0/24";
    }
}
