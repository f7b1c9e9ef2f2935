package io.binarybosh.e2e.sim.world;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a world from a YAML description and keeps it running until interrupted.
 * <pre>
 * WorldLauncher [world.yaml] [--dir DIR] [--out connection.json] [--time-scale X] [--network 127.0.N.0/24]
 *               [--mode in-jvm|process] [--ssh-port N]
 * </pre>
 */
public final class WorldLauncher {
    private WorldLauncher() {
    }

    public static void main(String[] args) throws Exception {
        World world = launch(args);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            world.close();
            stopped.countDown();
        }, "world-shutdown"));
        System.out.println("World running. Ctrl-C stops it.");
        stopped.await();
    }

    public static World launch(String[] args) throws IOException {
        String yaml = null;
        Path dir = null;
        Path out = null;
        Double scale = null;
        String network = null;
        String mode = null;
        Integer sshPort = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--time-scale" -> scale = Double.parseDouble(args[++i]);
                case "--network" -> network = args[++i];
                case "--mode" -> mode = args[++i];
                case "--ssh-port" -> sshPort = Integer.parseInt(args[++i]);
                default -> yaml = args[i];
            }
        }
        WorldSpec spec = yaml == null ? WorldSpec.parse(defaultWorld()) : WorldSpec.read(Path.of(yaml));
        if (scale != null) {
            spec = spec.withTimeScale(scale);
        }
        if (network != null) {
            spec = spec.withNetwork(network);
        }
        if (mode != null) {
            spec = spec.withMode(mode);
        }
        if (sshPort != null) {
            spec = spec.withSshPort(sshPort);
        }
        if (dir == null) {
            dir = Files.createTempDirectory("bosh-world-");
        }
        if (out == null) {
            out = dir.resolve("connection.json");
        }
        World world = World.start(spec, dir);
        world.writeConnectionJson(out);
        print(world, out);
        return world;
    }

    static String defaultWorld() {
        try (InputStream in = WorldLauncher.class.getResourceAsStream("/worlds/binary-bosh.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(World world, Path out) throws IOException {
        Path ca = out.resolveSibling("ca.crt");
        Files.writeString(ca, world.caCertificatePem());
        System.out.println("World directory: " + world.root());
        System.out.println("Connection file: " + out);
        System.out.println("CA certificate:  " + ca);
        System.out.println();
        System.out.print(world.caCertificatePem());
        world.endpoints().forEach((key, e) -> {
            System.out.println();
            System.out.println("# " + key + " (" + e.name() + ")" + (e.deployedBy() == null ? ", created by create-env"
                    : ", deployment " + e.deployment() + " on " + e.deployedBy()));
            System.out.println("export BOSH_ENVIRONMENT=" + e.url());
            System.out.println("export BOSH_CA_CERT=" + ca);
            System.out.println("export BOSH_CLIENT=" + e.client());
            System.out.println("export BOSH_CLIENT_SECRET=" + e.clientSecret());
            world.ssh(key).ifPresent(ssh -> System.out.println("# ssh -i " + ssh.privateKey() + " -p " + ssh.port()
                    + " " + ssh.user() + "@" + ssh.host() + "   (host key " + ssh.hostKey() + ")"));
        });
        System.out.flush();
    }
}
